package dev.polyshop.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What each overlay is for: its scale, its database, its edge, and wiring that resolves. */
class OverlaysTest {

  private static final List<String> SERVICES =
      List.of("gateway", "product-service", "search-service", "push-service");

  static List<String> overlays() {
    return Kustomize.overlays();
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void overlay_shipsTheTestedAlertRules_andTheDashboardsForGrafanasSidecar(String overlay)
      throws IOException {
    Manifests manifests = Kustomize.manifests(overlay);
    Path observability = Kustomize.REPOSITORY_ROOT.resolve("k8s/components/observability");

    ConfigMap rules = manifests.get(ConfigMap.class, "polyshop-prometheus-rules");
    assertThat(rules.getData())
        .containsExactly(
            Map.entry(
                "polyshop.rules.yml",
                Files.readString(observability.resolve("prometheus/polyshop.rules.yml"))));

    ConfigMap dashboards = manifests.get(ConfigMap.class, "polyshop-grafana-dashboards");
    assertThat(dashboards.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
    try (var files = Files.list(observability.resolve("grafana"))) {
      assertThat(dashboards.getData().keySet())
          .containsExactlyInAnyOrderElementsOf(files.map(f -> f.getFileName().toString()).toList());
    }
    assertThat(dashboards.getData().keySet()).contains("polyshop-overview.json").hasSize(5);
  }

  @Test
  void dev_runsOneReplicaOfEveryWorkloadWithoutAutoscaling() {
    Manifests dev = Kustomize.manifests("dev");

    assertThat(dev.workloads())
        .extracting(Workload::name)
        .containsExactlyInAnyOrder(
            "gateway", "product-service", "search-service", "push-service", "redis", "postgres");
    assertThat(dev.workloads()).allSatisfy(w -> assertThat(dev.minimumReplicas(w)).isEqualTo(1));
    assertThat(dev.all(HorizontalPodAutoscaler.class)).isEmpty();
    assertThat(dev.all(Ingress.class)).isEmpty();
  }

  @Test
  void dev_runsPostgresOnAPersistentVolumeForProductService() {
    Manifests dev = Kustomize.manifests("dev");
    StatefulSet postgres = dev.get(StatefulSet.class, "postgres");
    Secret database =
        dev.all(Secret.class).stream()
            .filter(s -> s.getMetadata().getName().startsWith("product-database"))
            .findFirst()
            .orElseThrow();

    assertThat(postgres.getSpec().getVolumeClaimTemplates())
        .singleElement()
        .satisfies(
            claim ->
                assertThat(claim.getSpec().getResources().getRequests()).containsKey("storage"));
    URI url = URI.create(decode(database.getData().get("url")).substring("jdbc:".length()));
    assertServicePort(dev, url.getHost(), url.getPort());
  }

  @Test
  void prod_autoscalesEveryServiceFromAtLeastThreeReplicas() {
    Manifests prod = Kustomize.manifests("prod");

    assertThat(SERVICES)
        .allSatisfy(
            name -> {
              HorizontalPodAutoscaler hpa = prod.autoscalerOf(prod.workload(name)).orElseThrow();
              assertThat(hpa.getSpec().getMinReplicas()).isGreaterThanOrEqualTo(3);
              assertThat(hpa.getSpec().getMaxReplicas())
                  .isGreaterThan(hpa.getSpec().getMinReplicas());
            });
  }

  @Test
  void prod_rendersNoSecretAndNoDatabase() {
    Manifests prod = Kustomize.manifests("prod");

    assertThat(prod.all(Secret.class)).isEmpty();
    assertThat(prod.all(StatefulSet.class)).isEmpty();
    assertThat(secretRefs(container(prod, "product-service")))
        .containsEntry("SPRING_DATASOURCE_URL", "product-database/url")
        .containsEntry("SPRING_DATASOURCE_USERNAME", "product-database/username")
        .containsEntry("SPRING_DATASOURCE_PASSWORD", "product-database/password");
    assertThat(secretRefs(container(prod, "gateway")))
        .containsEntry("POLYSHOP_SECURITY_JWT_SECRET", "gateway-jwt/secret");
    assertThat(prod.environment(container(prod, "product-service")))
        .containsEntry("POLYSHOP_SEED_PRODUCTS", "0");
  }

  @Test
  void prod_servesTheGatewayWithTlsForEveryHost() {
    Manifests prod = Kustomize.manifests("prod");
    List<Ingress> ingresses = prod.all(Ingress.class);

    assertThat(ingresses)
        .isNotEmpty()
        .allSatisfy(
            ingress -> {
              List<String> hosts =
                  ingress.getSpec().getRules().stream().map(r -> r.getHost()).toList();
              List<String> tlsHosts =
                  ingress.getSpec().getTls().stream().flatMap(t -> t.getHosts().stream()).toList();
              assertThat(tlsHosts).containsAll(hosts).doesNotContain("host-from-settings");
              assertThat(ingress.getSpec().getRules())
                  .flatMap(r -> r.getHttp().getPaths())
                  .allSatisfy(
                      p -> assertThat(p.getBackend().getService().getName()).isEqualTo("gateway"));
            });
    assertThat(
            prod.environment(container(prod, "gateway"))
                .get("POLYSHOP_GATEWAY_EDGE_CORS_ALLOWED_ORIGINS"))
        .isEqualTo("https://" + ingresses.getFirst().getSpec().getRules().getFirst().getHost());
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void gatewayGrpcTargets_areHeadlessServicesResolvedPerCall(String overlay) {
    Manifests m = Kustomize.manifests(overlay);
    Map<String, String> env = m.environment(container(m, "gateway"));

    for (String key :
        List.of("POLYSHOP_GATEWAY_GRPC_SEARCH_TARGET", "POLYSHOP_GATEWAY_GRPC_PUSH_TARGET")) {
      String target = env.get(key);
      assertThat(target).as(key).startsWith("dns:///");
      String[] hostPort = target.substring("dns:///".length()).split(":");
      Service service = assertServicePort(m, hostPort[0], Integer.parseInt(hostPort[1]));
      assertThat(service.getSpec().getClusterIP())
          .as(key + " must name a headless Service")
          .isEqualTo("None");
    }
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void serviceUrls_nameRenderedServicesAndPorts(String overlay) {
    Manifests m = Kustomize.manifests(overlay);

    assertUrl(m, "gateway", "POLYSHOP_GATEWAY_UPSTREAMS_PRODUCTS");
    assertUrl(m, "gateway", "SPRING_DATA_REDIS_URL");
    assertUrl(m, "search-service", "PRODUCT_SERVICE_URL");
    assertUrl(m, "push-service", "PRODUCT_SERVICE_URL");
    assertUrl(m, "push-service", "PUSH_REDIS_URL");
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void javaServices_sizeTheirHeapFromTheContainerLimitAndShareOneReleaseTag(String overlay) {
    Manifests m = Kustomize.manifests(overlay);

    assertThat(SERVICES)
        .allSatisfy(
            name ->
                assertThat(m.environment(container(m, name)).get("JAVA_TOOL_OPTIONS"))
                    .contains("-XX:MaxRAMPercentage=75"));
    assertThat(
            SERVICES.stream()
                .map(name -> container(m, name).getImage().replaceFirst("^[^:]*:", ""))
                .distinct())
        .singleElement();
  }

  private static void assertUrl(Manifests m, String workload, String key) {
    String value = m.environment(container(m, workload)).get(key);
    assertThat(value).as(workload + " " + key).isNotNull();
    URI url = URI.create(value);
    assertServicePort(m, url.getHost(), url.getPort());
  }

  private static Service assertServicePort(Manifests m, String host, int port) {
    Service service =
        m.find(Service.class, host).orElseThrow(() -> new AssertionError("no Service " + host));
    assertThat(service.getSpec().getPorts())
        .as("ports of Service " + host)
        .anySatisfy(p -> assertThat(p.getPort()).isEqualTo(port));
    return service;
  }

  private static Map<String, String> secretRefs(Container container) {
    return container.getEnv().stream()
        .filter(e -> e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null)
        .collect(
            Collectors.toMap(
                EnvVar::getName,
                e ->
                    e.getValueFrom().getSecretKeyRef().getName()
                        + "/"
                        + e.getValueFrom().getSecretKeyRef().getKey()));
  }

  private static Container container(Manifests m, String workload) {
    return m.workload(workload).pod().getContainers().getFirst();
  }

  private static String decode(String base64) {
    return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
  }
}
