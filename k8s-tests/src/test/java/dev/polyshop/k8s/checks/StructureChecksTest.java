package dev.polyshop.k8s.checks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyshop.k8s.Kustomize;
import dev.polyshop.k8s.Manifests;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StructureChecksTest {

  static List<String> overlays() {
    return Kustomize.overlays();
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void renderedOverlay_hasNoStructuralViolations(String overlay) {
    assertThat(Check.runAll(Policies.structure(overlay), Kustomize.manifests(overlay))).isEmpty();
  }

  static Stream<Arguments> mutations() {
    return Stream.of(
        mutation(
            "named-and-namespaced",
            "dev",
            "ConfigMap/jvm-options-",
            "namespace removed",
            m ->
                m.all(ConfigMap.class).stream()
                    .filter(c -> c.getMetadata().getName().startsWith("jvm-options"))
                    .forEach(c -> c.getMetadata().setNamespace(null))),
        mutation(
            "selector-matches-template",
            "prod",
            "Deployment/gateway",
            "pod label removed",
            m -> m.workload("gateway").podLabels().remove("app.kubernetes.io/name")),
        mutation(
            "selector-matches-template",
            "dev",
            "StatefulSet/postgres",
            "governing Service renamed",
            m -> m.get(StatefulSet.class, "postgres").getSpec().setServiceName("postgresql")),
        mutation(
            "probe-port-exists",
            "prod",
            "Deployment/product-service",
            "readiness probe on an undeclared port name",
            m ->
                container(m, "product-service")
                    .getReadinessProbe()
                    .getHttpGet()
                    .setPort(new IntOrString("admin"))),
        mutation(
            "probe-port-exists",
            "dev",
            "Deployment/push-service",
            "gRPC probe on an undeclared port",
            m -> container(m, "push-service").getReadinessProbe().getGrpc().setPort(9999)),
        mutation(
            "service-targets-pods",
            "prod",
            "Service/search-service-headless",
            "targetPort misspelled",
            m ->
                m.get(Service.class, "search-service-headless")
                    .getSpec()
                    .getPorts()
                    .getFirst()
                    .setTargetPort(new IntOrString("grcp"))),
        mutation(
            "service-targets-pods",
            "dev",
            "Service/redis",
            "selector matches no pod",
            m ->
                m.get(Service.class, "redis")
                    .getSpec()
                    .getSelector()
                    .put("app.kubernetes.io/name", "rediss")),
        mutation(
            "references-resolve",
            "prod",
            "Deployment/push-service container push-service",
            "envFrom names a missing ConfigMap",
            m ->
                container(m, "push-service").getEnvFrom().get(1).getConfigMapRef().setName("push")),
        mutation(
            "references-resolve",
            "dev",
            "Deployment/product-service container product-service",
            "secret key misspelled",
            m ->
                container(m, "product-service")
                    .getEnv()
                    .getFirst()
                    .getValueFrom()
                    .getSecretKeyRef()
                    .setKey("uri")),
        mutation(
            "references-resolve",
            "prod",
            "Ingress/gateway",
            "TLS Secret neither rendered nor external",
            m ->
                m.get(Ingress.class, "gateway")
                    .getSpec()
                    .getTls()
                    .getFirst()
                    .setSecretName("other-tls")),
        mutation(
            "volume-mounts-resolve",
            "prod",
            "Deployment/gateway",
            "volume removed",
            m -> m.workload("gateway").pod().getVolumes().clear()),
        mutation(
            "scaling-targets-exist",
            "prod",
            "HorizontalPodAutoscaler/search-service",
            "target misspelled",
            m ->
                m.get(HorizontalPodAutoscaler.class, "search-service")
                    .getSpec()
                    .getScaleTargetRef()
                    .setName("search")),
        mutation(
            "scaling-targets-exist",
            "dev",
            "PodDisruptionBudget/redis",
            "selector matches no pod",
            m ->
                m.get(PodDisruptionBudget.class, "redis")
                    .getSpec()
                    .getSelector()
                    .getMatchLabels()
                    .put("app.kubernetes.io/name", "x")),
        mutation(
            "ingress-backends-exist",
            "prod",
            "Ingress/gateway-grpc",
            "backend port renamed",
            m ->
                m.get(Ingress.class, "gateway-grpc")
                    .getSpec()
                    .getRules()
                    .getFirst()
                    .getHttp()
                    .getPaths()
                    .getFirst()
                    .getBackend()
                    .getService()
                    .getPort()
                    .setName("grpc")));
  }

  @ParameterizedTest(name = "{0} in {1}: {3}")
  @MethodSource("mutations")
  void mutatedObject_isReportedByItsCheck(
      String check, String overlay, String object, String change, Consumer<Manifests> mutate) {
    Manifests manifests = Kustomize.manifests(overlay);
    mutate.accept(manifests);

    List<Violation> violations = Policies.check(Policies.structure(overlay), check).run(manifests);

    assertThat(violations)
        .singleElement()
        .satisfies(v -> assertThat(v.object()).startsWith(object));
  }

  @Test
  void everyStructuralCheck_isProvenByAMutation() {
    assertThat(mutations().map(a -> (String) a.get()[0]).distinct())
        .containsExactlyInAnyOrderElementsOf(
            Policies.structure("prod").stream().map(Check::id).toList());
  }

  private static Container container(Manifests m, String workload) {
    return m.workload(workload).pod().getContainers().getFirst();
  }

  private static Arguments mutation(
      String check, String overlay, String object, String change, Consumer<Manifests> mutate) {
    return Arguments.of(check, overlay, object, change, mutate);
  }
}
