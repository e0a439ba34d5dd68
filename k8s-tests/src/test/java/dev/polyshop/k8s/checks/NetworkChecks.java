package dev.polyshop.k8s.checks;

import dev.polyshop.k8s.Labels;
import dev.polyshop.k8s.Manifests;
import dev.polyshop.k8s.Workload;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicySpec;
import java.util.List;

/** Zero trust inside the namespace: nothing flows unless a policy opens it. */
public final class NetworkChecks {

  private NetworkChecks() {}

  public static List<Check> all() {
    return List.of(
        new Check("default-deny", NetworkChecks::defaultDeny),
        new Check("network-policy-coverage", NetworkChecks::coverage));
  }

  /** A policy selects every pod, for ingress and egress, and allows nothing. */
  public static void defaultDeny(Manifests m, Check.Report report) {
    if (m.all(NetworkPolicy.class).stream().noneMatch(NetworkChecks::isDefaultDeny)) {
      report.violation(
          "namespace " + m.namespace().orElse("?"),
          "no default-deny NetworkPolicy (podSelector {}, policyTypes Ingress and Egress, no rules)");
    }
  }

  public static boolean isDefaultDeny(NetworkPolicy policy) {
    NetworkPolicySpec spec = policy.getSpec();
    return Labels.isEmpty(spec.getPodSelector())
        && spec.getPolicyTypes().containsAll(List.of("Ingress", "Egress"))
        && spec.getIngress().isEmpty()
        && spec.getEgress().isEmpty();
  }

  /**
   * Every pod is selected by a policy of its own (not only the namespace-wide ones: default deny,
   * DNS) that opens something for it: its flows are deliberate.
   */
  public static void coverage(Manifests m, Check.Report report) {
    for (Workload w : m.workloads()) {
      boolean covered =
          m.networkPoliciesSelecting(w).stream()
              .filter(p -> !Labels.isEmpty(p.getSpec().getPodSelector()))
              .anyMatch(
                  p -> !p.getSpec().getIngress().isEmpty() || !p.getSpec().getEgress().isEmpty());
      if (!covered) {
        report.violation(w.ref(), "no NetworkPolicy of its own (with rules) selects its pods");
      }
    }
  }
}
