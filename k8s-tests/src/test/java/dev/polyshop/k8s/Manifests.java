package dev.polyshop.k8s;

import dev.polyshop.k8s.drift.PodEnvironment;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.stream.Stream;

/** The objects one overlay renders, with the look-ups the checks share. Mutable: tests edit it. */
public record Manifests(String overlay, List<HasMetadata> objects) {

  public <T extends HasMetadata> List<T> all(Class<T> type) {
    return objects.stream().filter(type::isInstance).map(type::cast).toList();
  }

  public <T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
    return all(type).stream().filter(o -> name.equals(o.getMetadata().getName())).findFirst();
  }

  public <T extends HasMetadata> T get(Class<T> type, String name) {
    return find(type, name)
        .orElseThrow(
            () -> new NoSuchElementException(type.getSimpleName() + "/" + name + " in " + overlay));
  }

  /** Removes one object (for mutation tests). */
  public void remove(Class<? extends HasMetadata> type, String name) {
    if (!objects.remove(get(type, name))) {
      throw new IllegalStateException("not removed: " + name);
    }
  }

  /** The Deployments and StatefulSets. */
  public List<Workload> workloads() {
    return objects.stream().map(Workload::of).flatMap(Optional::stream).toList();
  }

  public Workload workload(String name) {
    return workloads().stream()
        .filter(w -> w.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new NoSuchElementException("workload " + name + " in " + overlay));
  }

  /** Every container (init containers too) with the workload that runs it. */
  public Stream<WorkloadContainer> containers() {
    return workloads().stream()
        .flatMap(
            w ->
                Stream.concat(
                        w.pod().getInitContainers().stream(), w.pod().getContainers().stream())
                    .map(c -> new WorkloadContainer(w, c)));
  }

  /** The namespace every namespaced object is in: the one Namespace the overlay renders. */
  public Optional<String> namespace() {
    List<Namespace> namespaces = all(Namespace.class);
    return namespaces.size() == 1
        ? Optional.of(namespaces.getFirst().getMetadata().getName())
        : Optional.empty();
  }

  public Optional<HorizontalPodAutoscaler> autoscalerOf(Workload workload) {
    return all(HorizontalPodAutoscaler.class).stream()
        .filter(h -> workload.kind().equals(h.getSpec().getScaleTargetRef().getKind()))
        .filter(h -> workload.name().equals(h.getSpec().getScaleTargetRef().getName()))
        .findFirst();
  }

  /** Pods the workload runs at least: its replica count, or the autoscaler's minimum. */
  public int minimumReplicas(Workload workload) {
    int replicas = workload.replicas() == null ? 1 : workload.replicas();
    return autoscalerOf(workload)
        .map(
            h ->
                Math.max(
                    replicas,
                    h.getSpec().getMinReplicas() == null ? 1 : h.getSpec().getMinReplicas()))
        .orElse(replicas);
  }

  public List<PodDisruptionBudget> disruptionBudgetsOf(Workload workload) {
    return all(PodDisruptionBudget.class).stream()
        .filter(p -> Labels.selects(p.getSpec().getSelector(), workload.podLabels()))
        .toList();
  }

  public List<Service> servicesSelecting(Workload workload) {
    return all(Service.class).stream()
        .filter(s -> s.getSpec().getSelector() != null && !s.getSpec().getSelector().isEmpty())
        .filter(s -> Labels.selects(s.getSpec().getSelector(), workload.podLabels()))
        .toList();
  }

  public List<NetworkPolicy> networkPoliciesSelecting(Workload workload) {
    return all(NetworkPolicy.class).stream()
        .filter(p -> Labels.selects(p.getSpec().getPodSelector(), workload.podLabels()))
        .toList();
  }

  public Optional<ServiceAccount> serviceAccountOf(Workload workload) {
    String name = workload.pod().getServiceAccountName();
    return find(ServiceAccount.class, name == null ? "default" : name);
  }

  /**
   * The environment a container declares (envFrom, then env), resolved from the rendered ConfigMaps
   * and Secrets; what does not resolve here (Secrets created outside git) is left out.
   */
  public Map<String, String> environment(Container container) {
    return new PodEnvironment(this, Map.of(), new ArrayList<>()).declared(container);
  }

  /** A container and the workload that runs it. */
  public record WorkloadContainer(Workload workload, Container container) {
    public String ref() {
      return workload.ref() + " container " + container.getName();
    }
  }
}
