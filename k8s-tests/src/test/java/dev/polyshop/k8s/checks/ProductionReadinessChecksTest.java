package dev.polyshop.k8s.checks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyshop.k8s.Kustomize;
import dev.polyshop.k8s.Manifests;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPortBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The production-readiness checks pass on what the overlays render, and each one reports the
 * workload whose field a mutation removed, so none of them can pass vacuously.
 */
class ProductionReadinessChecksTest {

  static List<String> overlays() {
    return Kustomize.overlays();
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void renderedOverlay_passesEveryProductionReadinessCheck(String overlay) {
    assertThat(Check.runAll(Policies.productionReadiness(overlay), Kustomize.manifests(overlay)))
        .isEmpty();
  }

  static Stream<Arguments> mutations() {
    return Stream.of(
        // security
        mutation(
            "run-as-non-root",
            "prod",
            "Deployment/gateway",
            "container runAsNonRoot removed",
            m -> container(m, "gateway").getSecurityContext().setRunAsNonRoot(null)),
        mutation(
            "run-as-non-root",
            "dev",
            "StatefulSet/postgres",
            "pod runAsNonRoot removed",
            m -> podContext(m, "postgres").setRunAsNonRoot(null)),
        mutation(
            "fixed-user-and-group",
            "prod",
            "Deployment/product-service",
            "pod runAsUser removed",
            m -> podContext(m, "product-service").setRunAsUser(null)),
        mutation(
            "fixed-user-and-group",
            "dev",
            "Deployment/redis",
            "container runs as root",
            m -> container(m, "redis").getSecurityContext().setRunAsUser(0L)),
        mutation(
            "read-only-root-filesystem",
            "prod",
            "Deployment/search-service",
            "readOnlyRootFilesystem removed",
            m ->
                container(m, "search-service")
                    .getSecurityContext()
                    .setReadOnlyRootFilesystem(null)),
        mutation(
            "no-privilege-escalation",
            "prod",
            "Deployment/push-service",
            "allowPrivilegeEscalation removed",
            m ->
                container(m, "push-service")
                    .getSecurityContext()
                    .setAllowPrivilegeEscalation(null)),
        mutation(
            "drop-all-capabilities",
            "prod",
            "Deployment/redis",
            "capabilities removed",
            m -> container(m, "redis").getSecurityContext().setCapabilities(null)),
        mutation(
            "seccomp-runtime-default",
            "prod",
            "Deployment/gateway",
            "pod seccompProfile removed",
            m -> podContext(m, "gateway").setSeccompProfile(null)),
        mutation(
            "seccomp-runtime-default",
            "dev",
            "Deployment/search-service",
            "container seccompProfile removed",
            m -> container(m, "search-service").getSecurityContext().setSeccompProfile(null)),
        mutation(
            "no-service-account-token",
            "prod",
            "Deployment/gateway",
            "pod automountServiceAccountToken removed",
            m -> m.workload("gateway").pod().setAutomountServiceAccountToken(null)),
        mutation(
            "no-service-account-token",
            "dev",
            "Deployment/push-service",
            "ServiceAccount automount removed",
            m -> m.get(ServiceAccount.class, "push-service").setAutomountServiceAccountToken(null)),
        mutation(
            "dedicated-service-account",
            "prod",
            "Deployment/search-service",
            "serviceAccountName removed",
            m -> m.workload("search-service").pod().setServiceAccountName(null)),
        mutation(
            "pinned-image",
            "prod",
            "Deployment/gateway",
            "image untagged",
            m -> container(m, "gateway").setImage("polyshop/gateway")),
        mutation(
            "pinned-image",
            "dev",
            "StatefulSet/postgres",
            "image latest",
            m -> container(m, "postgres").setImage("postgres:latest")),
        // reliability
        mutation(
            "resources",
            "prod",
            "Deployment/search-service",
            "memory limit removed",
            m -> container(m, "search-service").getResources().getLimits().remove("memory")),
        mutation(
            "resources",
            "dev",
            "Deployment/gateway",
            "cpu request removed",
            m -> container(m, "gateway").getResources().getRequests().remove("cpu")),
        mutation(
            "liveness-probe",
            "prod",
            "Deployment/product-service",
            "liveness probe removed",
            m -> container(m, "product-service").setLivenessProbe(null)),
        mutation(
            "readiness-probe",
            "prod",
            "Deployment/search-service",
            "readiness probe removed",
            m -> container(m, "search-service").setReadinessProbe(null)),
        mutation(
            "startup-probe",
            "dev",
            "Deployment/push-service",
            "startup probe removed",
            m -> container(m, "push-service").setStartupProbe(null)),
        mutation(
            "pod-disruption-budget",
            "prod",
            "Deployment/product-service",
            "PodDisruptionBudget removed",
            m -> m.remove(PodDisruptionBudget.class, "product-service")),
        mutation(
            "pod-disruption-budget",
            "prod",
            "Deployment/gateway",
            "budget allows no disruption",
            m ->
                m.get(PodDisruptionBudget.class, "gateway")
                    .getSpec()
                    .setMaxUnavailable(new IntOrString(0))),
        mutation(
            "topology-spread",
            "prod",
            "Deployment/push-service",
            "topologySpreadConstraints removed",
            m -> m.workload("push-service").pod().getTopologySpreadConstraints().clear()),
        mutation(
            "topology-spread",
            "dev",
            "Deployment/gateway",
            "spread selector no longer narrowed to the app",
            m ->
                m.workload("gateway")
                    .pod()
                    .getTopologySpreadConstraints()
                    .forEach(t -> t.getMatchLabelKeys().clear())),
        mutation(
            "graceful-shutdown",
            "prod",
            "Deployment/gateway",
            "preStop removed",
            m -> container(m, "gateway").setLifecycle(null)),
        mutation(
            "graceful-shutdown",
            "dev",
            "Deployment/product-service",
            "grace shorter than preStop + 20 s drain",
            m -> m.workload("product-service").pod().setTerminationGracePeriodSeconds(25L)),
        mutation(
            "autoscaled",
            "prod",
            "Deployment/search-service",
            "HorizontalPodAutoscaler removed",
            m -> m.remove(HorizontalPodAutoscaler.class, "search-service")),
        mutation(
            "autoscaled",
            "prod",
            "Deployment/push-service",
            "autoscaler allows a single pod",
            m -> m.get(HorizontalPodAutoscaler.class, "push-service").getSpec().setMinReplicas(1)),
        // network
        mutation(
            "default-deny",
            "prod",
            "namespace polyshop",
            "default-deny policy removed",
            m -> m.remove(NetworkPolicy.class, "default-deny")),
        mutation(
            "network-policy-coverage",
            "dev",
            "Deployment/redis",
            "redis's policy removed",
            m -> m.remove(NetworkPolicy.class, "redis")),
        // edge
        mutation(
            "management-port-private",
            "prod",
            "Service/gateway",
            "management port added to the Service",
            m ->
                m.get(Service.class, "gateway")
                    .getSpec()
                    .getPorts()
                    .add(
                        new ServicePortBuilder()
                            .withName("management")
                            .withPort(9190)
                            .withTargetPort(new IntOrString("management"))
                            .build())),
        mutation(
            "management-port-private",
            "dev",
            "Deployment/gateway",
            "readiness probe on the public port",
            m ->
                container(m, "gateway")
                    .getReadinessProbe()
                    .getHttpGet()
                    .setPort(new IntOrString("http"))),
        mutation(
            "management-port-private",
            "prod",
            "NetworkPolicy/gateway",
            "ingress rule opens 9190",
            m ->
                m.get(NetworkPolicy.class, "gateway")
                    .getSpec()
                    .getIngress()
                    .getFirst()
                    .getPorts()
                    .add(new NetworkPolicyPortBuilder().withPort(new IntOrString(9190)).build())),
        mutation(
            "no-development-secret",
            "prod",
            "Deployment/gateway",
            "JWT secret from the Secret removed",
            m ->
                container(m, "gateway")
                    .getEnv()
                    .removeIf(e -> e.getName().equals(EdgeChecks.JWT_SECRET_KEY))),
        mutation(
            "no-development-secret",
            "prod",
            "Deployment/gateway",
            "dev profile activated in the gateway's ConfigMap",
            m ->
                m.all(ConfigMap.class).stream()
                    .filter(c -> c.getMetadata().getName().startsWith("gateway-"))
                    .forEach(c -> c.getData().put("SPRING_PROFILES_ACTIVE", "dev"))),
        mutation(
            "forwarded-for-from-ingress-only",
            "prod",
            "Deployment/gateway",
            "every address trusted as a proxy",
            m ->
                m.all(ConfigMap.class).stream()
                    .filter(c -> c.getMetadata().getName().startsWith("gateway-"))
                    .forEach(
                        c ->
                            c.getData()
                                .put("POLYSHOP_GATEWAY_EDGE_TRUSTED_PROXIES", "0.0.0.0/0"))));
  }

  @ParameterizedTest(name = "{0} in {1}: {3}")
  @MethodSource("mutations")
  void removedField_isReportedByItsCheck(
      String check, String overlay, String object, String change, Consumer<Manifests> mutate) {
    Manifests manifests = Kustomize.manifests(overlay);
    mutate.accept(manifests);

    List<Violation> violations =
        Policies.check(Policies.productionReadiness(overlay), check).run(manifests);

    assertThat(violations).singleElement().satisfies(v -> assertThat(v.object()).isEqualTo(object));
  }

  @Test
  void everyProductionReadinessCheck_isProvenByAMutation() {
    assertThat(mutations().map(a -> (String) a.get()[0]).distinct())
        .containsExactlyInAnyOrderElementsOf(
            Policies.productionReadiness("prod").stream().map(Check::id).toList());
  }

  @Test
  void singleReplicaWorkload_needsNoDisruptionBudget() {
    Manifests dev = Kustomize.manifests("dev");
    dev.remove(PodDisruptionBudget.class, "product-service");

    assertThat(
            Policies.check(Policies.productionReadiness("dev"), "pod-disruption-budget").run(dev))
        .isEmpty();
  }

  @Test
  void singleInstanceDeployment_needsNoAutoscaler() {
    Manifests prod = Kustomize.manifests("prod");

    assertThat(prod.autoscalerOf(prod.workload("redis"))).isEmpty();
    assertThat(prod.workload("redis").annotations()).containsKey(ReliabilityChecks.SINGLE_INSTANCE);
  }

  private static Container container(Manifests m, String workload) {
    return m.workload(workload).pod().getContainers().getFirst();
  }

  private static PodSecurityContext podContext(Manifests m, String workload) {
    return m.workload(workload).pod().getSecurityContext();
  }

  private static Arguments mutation(
      String check, String overlay, String object, String change, Consumer<Manifests> mutate) {
    return Arguments.of(check, overlay, object, change, mutate);
  }
}
