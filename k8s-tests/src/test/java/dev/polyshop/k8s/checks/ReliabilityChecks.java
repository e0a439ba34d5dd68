package dev.polyshop.k8s.checks;

import dev.polyshop.k8s.Labels;
import dev.polyshop.k8s.Manifests;
import dev.polyshop.k8s.Workload;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Checks that a workload survives load, rollouts, node drains and its own shutdown. */
public final class ReliabilityChecks {

  /** Annotation that exempts a Deployment from autoscaling; its value says why. */
  public static final String SINGLE_INSTANCE = "polyshop.dev/single-instance";

  private ReliabilityChecks() {}

  /** The checks every overlay must pass. */
  public static List<Check> all() {
    return List.of(
        new Check("resources", ReliabilityChecks::resources),
        new Check(
            "liveness-probe", (m, r) -> probe(m, r, "livenessProbe", Container::getLivenessProbe)),
        new Check(
            "readiness-probe",
            (m, r) -> probe(m, r, "readinessProbe", Container::getReadinessProbe)),
        new Check(
            "startup-probe", (m, r) -> probe(m, r, "startupProbe", Container::getStartupProbe)),
        new Check("pod-disruption-budget", ReliabilityChecks::podDisruptionBudget),
        new Check("topology-spread", ReliabilityChecks::topologySpread),
        ShutdownChecks.gracefulShutdown());
  }

  /** Production also scales: every Deployment has an autoscaler unless declared single-instance. */
  public static Check autoscaled() {
    return new Check("autoscaled", ReliabilityChecks::autoscaled);
  }

  /** Requests and limits for CPU and memory on every container. */
  public static void resources(Manifests m, Check.Report report) {
    m.containers()
        .forEach(
            c -> {
              var resources = c.container().getResources();
              Map<String, Quantity> requests =
                  resources == null || resources.getRequests() == null
                      ? Map.of()
                      : resources.getRequests();
              Map<String, Quantity> limits =
                  resources == null || resources.getLimits() == null
                      ? Map.of()
                      : resources.getLimits();
              for (String resource : List.of("cpu", "memory")) {
                if (!requests.containsKey(resource)) {
                  report.violation(c.workload().ref(), c.ref() + ": no " + resource + " request");
                }
                if (!limits.containsKey(resource)) {
                  report.violation(c.workload().ref(), c.ref() + ": no " + resource + " limit");
                }
              }
            });
  }

  private static void probe(
      Manifests m, Check.Report report, String field, Function<Container, Probe> probe) {
    m.workloads()
        .forEach(
            w ->
                w.pod().getContainers().stream()
                    .filter(c -> !hasHandler(probe.apply(c)))
                    .forEach(
                        c ->
                            report.violation(
                                w.ref(), "container " + c.getName() + " has no " + field)));
  }

  private static boolean hasHandler(Probe probe) {
    return probe != null
        && (probe.getHttpGet() != null
            || probe.getGrpc() != null
            || probe.getTcpSocket() != null
            || probe.getExec() != null);
  }

  /**
   * A workload with more than one pod has a budget that lets a drain evict one of them at a time.
   */
  public static void podDisruptionBudget(Manifests m, Check.Report report) {
    for (Workload w : m.workloads()) {
      int replicas = m.minimumReplicas(w);
      if (replicas < 2) {
        continue;
      }
      List<PodDisruptionBudget> budgets = m.disruptionBudgetsOf(w);
      if (budgets.isEmpty()) {
        report.violation(w.ref(), replicas + " replicas and no PodDisruptionBudget selects them");
      } else if (budgets.stream().noneMatch(b -> allowsDisruption(b, replicas))) {
        report.violation(w.ref(), "its PodDisruptionBudget allows no voluntary disruption");
      }
    }
  }

  private static boolean allowsDisruption(PodDisruptionBudget budget, int replicas) {
    IntOrString maxUnavailable = budget.getSpec().getMaxUnavailable();
    IntOrString minAvailable = budget.getSpec().getMinAvailable();
    if (maxUnavailable != null) {
      return maxUnavailable.getIntVal() != null
          ? maxUnavailable.getIntVal() > 0
          : !"0%".equals(maxUnavailable.getStrVal());
    }
    return minAvailable != null
        && minAvailable.getIntVal() != null
        && minAvailable.getIntVal() < replicas;
  }

  /**
   * Every Deployment is scaled by a HorizontalPodAutoscaler with at least 2 pods, or says why not.
   */
  public static void autoscaled(Manifests m, Check.Report report) {
    for (Workload w : m.workloads()) {
      if (!(w.object() instanceof Deployment) || w.annotations().containsKey(SINGLE_INSTANCE)) {
        continue;
      }
      m.autoscalerOf(w)
          .ifPresentOrElse(
              h -> {
                if (h.getSpec().getMinReplicas() == null || h.getSpec().getMinReplicas() < 2) {
                  report.violation(w.ref(), "its HorizontalPodAutoscaler allows fewer than 2 pods");
                }
              },
              () ->
                  report.violation(
                      w.ref(),
                      "no HorizontalPodAutoscaler (or " + SINGLE_INSTANCE + " annotation)"));
    }
  }

  /**
   * Pods are spread over nodes: a constraint on kubernetes.io/hostname whose selector
   * (labelSelector plus the pod's own values of matchLabelKeys) selects this workload's pods, and
   * only them.
   */
  public static void topologySpread(Manifests m, Check.Report report) {
    for (Workload w : m.workloads()) {
      boolean spread =
          w.pod().getTopologySpreadConstraints().stream()
              .filter(t -> "kubernetes.io/hostname".equals(t.getTopologyKey()))
              .anyMatch(t -> selectsOnlyOwnPods(t, w));
      if (!spread) {
        report.violation(
            w.ref(), "no topologySpreadConstraint over kubernetes.io/hostname selecting its pods");
      }
    }
  }

  private static boolean selectsOnlyOwnPods(TopologySpreadConstraint constraint, Workload w) {
    LabelSelector selector = constraint.getLabelSelector();
    if (selector == null) {
      return false;
    }
    Map<String, String> effective =
        new HashMap<>(selector.getMatchLabels() == null ? Map.of() : selector.getMatchLabels());
    constraint.getMatchLabelKeys().stream()
        .filter(w.podLabels()::containsKey)
        .forEach(key -> effective.put(key, w.podLabels().get(key)));
    Map<String, String> own =
        w.selector().getMatchLabels() == null ? Map.of() : w.selector().getMatchLabels();
    return Labels.selects(selector, w.podLabels())
        && own.entrySet().stream().allMatch(e -> e.getValue().equals(effective.get(e.getKey())));
  }
}
