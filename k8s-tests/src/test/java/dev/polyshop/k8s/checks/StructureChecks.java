package dev.polyshop.k8s.checks;

import dev.polyshop.k8s.Labels;
import dev.polyshop.k8s.Manifests;
import dev.polyshop.k8s.Workload;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressServiceBackend;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What the API server would accept but a working deployment needs: names, selectors that match, and
 * ports that exist.
 */
public final class StructureChecks {

  private StructureChecks() {}

  /** These and the {@link ReferenceChecks}; Secrets in {@code externalSecrets} are not rendered. */
  public static List<Check> all(Set<String> externalSecrets) {
    return Stream.concat(own().stream(), ReferenceChecks.all(externalSecrets).stream()).toList();
  }

  private static List<Check> own() {
    return List.of(
        new Check("named-and-namespaced", StructureChecks::namedAndNamespaced),
        new Check("selector-matches-template", StructureChecks::selectorMatchesTemplate),
        new Check("probe-port-exists", StructureChecks::probePortExists),
        new Check("service-targets-pods", StructureChecks::serviceTargetsPods),
        new Check("scaling-targets-exist", StructureChecks::scalingTargetsExist),
        new Check("ingress-backends-exist", StructureChecks::ingressBackendsExist));
  }

  /** Every object has a name; every namespaced object is in the overlay's one Namespace. */
  public static void namedAndNamespaced(Manifests m, Check.Report report) {
    String namespace = m.namespace().orElse(null);
    if (namespace == null) {
      report.violation("overlay " + m.overlay(), "does not render exactly one Namespace");
    }
    for (HasMetadata o : m.objects()) {
      String name = o.getMetadata() == null ? null : o.getMetadata().getName();
      if (name == null || name.isBlank()) {
        report.violation(o.getKind() + "/?", "has no metadata.name");
      } else if (!(o instanceof Namespace)
          && !Objects.equals(namespace, o.getMetadata().getNamespace())) {
        report.violation(
            o.getKind() + "/" + name,
            "namespace " + o.getMetadata().getNamespace() + ", not " + namespace);
      }
    }
  }

  /** A non-empty selector that matches the pod template's labels (else the API rejects it). */
  public static void selectorMatchesTemplate(Manifests m, Check.Report report) {
    for (Workload w : m.workloads()) {
      if (w.selector() == null
          || Labels.isEmpty(w.selector())
          || !Labels.selects(w.selector(), w.podLabels())) {
        report.violation(
            w.ref(),
            "selector " + w.selector() + " does not match template labels " + w.podLabels());
      }
      if (w.object() instanceof StatefulSet s
          && m.find(Service.class, s.getSpec().getServiceName()).isEmpty()) {
        report.violation(
            w.ref(), "serviceName " + s.getSpec().getServiceName() + " is not rendered");
      }
    }
  }

  /** Ports probed by name or number are ports the container declares. */
  public static void probePortExists(Manifests m, Check.Report report) {
    m.containers()
        .forEach(
            c -> {
              Container container = c.container();
              for (Probe probe :
                  Stream.of(
                          container.getLivenessProbe(),
                          container.getReadinessProbe(),
                          container.getStartupProbe())
                      .filter(Objects::nonNull)
                      .toList()) {
                IntOrString port = probedPort(probe);
                if (port != null && !declares(container, port)) {
                  report.violation(
                      c.workload().ref(), c.ref() + ": probes undeclared port " + describe(port));
                }
              }
            });
  }

  private static IntOrString probedPort(Probe probe) {
    if (probe.getHttpGet() != null) {
      return probe.getHttpGet().getPort();
    }
    if (probe.getTcpSocket() != null) {
      return probe.getTcpSocket().getPort();
    }
    return probe.getGrpc() == null ? null : new IntOrString(probe.getGrpc().getPort());
  }

  /**
   * A Service selects the pods of some workload, and each target port is one those pods declare.
   */
  public static void serviceTargetsPods(Manifests m, Check.Report report) {
    for (Service s : m.all(Service.class)) {
      String ref = "Service/" + s.getMetadata().getName();
      List<Workload> selected =
          m.workloads().stream().filter(w -> m.servicesSelecting(w).contains(s)).toList();
      if (selected.isEmpty()) {
        report.violation(
            ref, "selector " + s.getSpec().getSelector() + " selects no workload's pods");
      }
      for (ServicePort port : s.getSpec().getPorts()) {
        IntOrString target =
            port.getTargetPort() == null ? new IntOrString(port.getPort()) : port.getTargetPort();
        selected.stream()
            .filter(w -> w.pod().getContainers().stream().noneMatch(c -> declares(c, target)))
            .forEach(
                w ->
                    report.violation(
                        ref, "targetPort " + describe(target) + " is not a port of " + w.ref()));
      }
    }
  }

  /** Autoscalers target a rendered workload; budgets select one. */
  public static void scalingTargetsExist(Manifests m, Check.Report report) {
    for (HorizontalPodAutoscaler h : m.all(HorizontalPodAutoscaler.class)) {
      var target = h.getSpec().getScaleTargetRef();
      boolean exists =
          m.workloads().stream()
              .anyMatch(
                  w -> w.kind().equals(target.getKind()) && w.name().equals(target.getName()));
      if (!exists) {
        report.violation(
            "HorizontalPodAutoscaler/" + h.getMetadata().getName(),
            "targets " + target.getKind() + "/" + target.getName() + ", which is not rendered");
      }
    }
    for (PodDisruptionBudget p : m.all(PodDisruptionBudget.class)) {
      if (m.workloads().stream()
          .noneMatch(w -> Labels.selects(p.getSpec().getSelector(), w.podLabels()))) {
        report.violation(
            "PodDisruptionBudget/" + p.getMetadata().getName(), "selects no workload's pods");
      }
    }
  }

  /** Ingress backends are rendered Services and ports. */
  public static void ingressBackendsExist(Manifests m, Check.Report report) {
    for (Ingress ingress : m.all(Ingress.class)) {
      String ref = "Ingress/" + ingress.getMetadata().getName();
      ingress.getSpec().getRules().stream()
          .flatMap(r -> r.getHttp().getPaths().stream())
          .map(path -> path.getBackend().getService())
          .forEach(backend -> checkBackend(m, report, ref, backend));
    }
  }

  private static void checkBackend(
      Manifests m, Check.Report report, String ref, IngressServiceBackend backend) {
    var service = m.find(Service.class, backend.getName());
    if (service.isEmpty()) {
      report.violation(ref, "backend Service " + backend.getName() + " is not rendered");
      return;
    }
    var port = backend.getPort();
    boolean exists =
        service.get().getSpec().getPorts().stream()
            .anyMatch(
                p ->
                    port.getName() != null
                        ? port.getName().equals(p.getName())
                        : Objects.equals(port.getNumber(), p.getPort()));
    if (!exists) {
      report.violation(
          ref,
          "Service "
              + backend.getName()
              + " has no port "
              + (port.getName() != null ? port.getName() : port.getNumber()));
    }
  }

  private static boolean declares(Container container, IntOrString port) {
    return container.getPorts().stream().anyMatch(p -> matches(p, port));
  }

  private static boolean matches(ContainerPort declared, IntOrString port) {
    return port.getIntVal() != null
        ? port.getIntVal().equals(declared.getContainerPort())
        : port.getStrVal().equals(declared.getName());
  }

  private static String describe(IntOrString port) {
    return port.getIntVal() != null ? port.getIntVal().toString() : port.getStrVal();
  }
}
