package dev.polyshop.k8s.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyshop.k8s.Kustomize;
import dev.polyshop.k8s.Manifests;
import dev.polyshop.k8s.Workload;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HostPathVolumeSource;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The drift test's translation of rendered pods into containers, and its refusals. */
class PodTranslationTest {

  private static final Map<String, Map<String, String>> PROD_TEST_SECRETS =
      Map.of(
          "product-database",
          Map.of("url", "jdbc:postgresql://db:5432/polyshop", "username", "u", "password", "p"),
          "gateway-jwt",
          Map.of("secret", "s".repeat(48)),
          "push-publisher-jwt",
          Map.of("secret", "p".repeat(48)));

  @Test
  void dev_everyWorkloadTranslates() {
    Manifests dev = Kustomize.manifests("dev");
    PodTranslation translation = new PodTranslation(dev, Map.of());

    assertThat(dev.workloads()).allSatisfy(w -> assertThat(translation.translate(w)).isNotNull());
  }

  @Test
  void prod_everyWorkloadTranslatesWithTheExternalSecretsSupplied() {
    Manifests prod = Kustomize.manifests("prod");
    PodTranslation translation = new PodTranslation(prod, PROD_TEST_SECRETS);

    assertThat(prod.workloads()).allSatisfy(w -> assertThat(translation.translate(w)).isNotNull());
  }

  @Test
  void gateway_runsWithThePodsEnvironmentUserRootFsVolumesAndLimits() {
    Manifests dev = Kustomize.manifests("dev");
    PodPlan gateway = new PodTranslation(dev, Map.of()).translate(dev.workload("gateway"));

    assertThat(gateway.image()).isEqualTo("polyshop/gateway:0.1.0");
    assertThat(gateway.env())
        .containsEntry("POLYSHOP_GATEWAY_UPSTREAMS_PRODUCTS", "http://product-service:8081")
        .containsKey("JAVA_TOOL_OPTIONS")
        // What the kubelet adds: Spring Boot detects Kubernetes by it.
        .containsKey("KUBERNETES_SERVICE_HOST")
        .containsEntry("PRODUCT_SERVICE_SERVICE_PORT", "8081")
        .doesNotContainKey("SEARCH_SERVICE_HEADLESS_SERVICE_HOST");
    assertThat(gateway.user()).isEqualTo("10001:10001");
    assertThat(gateway.groups()).containsExactly("10001");
    assertThat(gateway.readOnlyRoot()).isTrue();
    assertThat(gateway.noNewPrivileges()).isTrue();
    assertThat(gateway.capDrop()).containsExactly("ALL");
    assertThat(gateway.volumes())
        .containsExactly(
            new PodPlan.Tmpfs("/tmp", false, "size=268435456,uid=0,gid=10001,mode=2777"));
    assertThat(gateway.memoryBytes()).isEqualTo(768L << 20);
    assertThat(gateway.nanoCpus()).isEqualTo(1_000_000_000L);
    assertThat(gateway.aliases()).contains("gateway", "gateway.polyshop-dev.svc.cluster.local");
    assertThat(gateway.entrypoint()).isNull();
    assertThat(gateway.cmd()).isNull();
  }

  @Test
  void postgres_getsItsSecretValuesArgsAndAFreshClaim() {
    Manifests dev = Kustomize.manifests("dev");
    PodPlan postgres = new PodTranslation(dev, Map.of()).translate(dev.workload("postgres"));
    PodPlan redis = new PodTranslation(dev, Map.of()).translate(dev.workload("redis"));

    assertThat(postgres.env()).containsEntry("POSTGRES_USER", "polyshop");
    assertThat(postgres.volumes())
        .contains(
            new PodPlan.Tmpfs(
                "/var/lib/postgresql/data", false, "size=5368709120,uid=0,gid=10001,mode=2775"),
            new PodPlan.Tmpfs("/var/run/postgresql", false, "uid=0,gid=10001,mode=2777"));
    assertThat(postgres.aliases()).contains("postgres", "postgres-0.postgres");
    assertThat(redis.cmd()).startsWith("--save", "");
    assertThat(redis.entrypoint()).isNull();
  }

  @Test
  void prod_withoutTestValuesForItsExternalSecrets_fails() {
    Manifests prod = Kustomize.manifests("prod");

    assertThatThrownBy(() -> new PodTranslation(prod, Map.of()).translate(prod.workload("gateway")))
        .hasMessageContaining("Deployment/gateway")
        .hasMessageContaining("Secret gateway-jwt is neither rendered nor supplied by the test");
  }

  @Test
  void secretKeyThePodNamesButTheSecretLacks_fails() {
    Manifests dev = Kustomize.manifests("dev");
    Workload product = dev.workload("product-service");
    first(product).getEnv().stream()
        .filter(v -> v.getName().equals("SPRING_DATASOURCE_URL"))
        .forEach(v -> v.getValueFrom().getSecretKeyRef().setKey("jdbc-url"));

    assertThatThrownBy(() -> new PodTranslation(dev, Map.of()).translate(product))
        .hasMessageContaining("env SPRING_DATASOURCE_URL: key 'jdbc-url' is not in");
  }

  @Test
  void fieldTheTestDoesNotTranslate_fails() {
    Manifests dev = Kustomize.manifests("dev");
    Workload gateway = dev.workload("gateway");
    Volume certificates = new Volume();
    certificates.setName("certificates");
    certificates.setHostPath(new HostPathVolumeSource("/etc/ssl", "Directory"));
    gateway.pod().getVolumes().add(certificates);
    VolumeMount mount = new VolumeMount();
    mount.setName("certificates");
    mount.setMountPath("/certs");
    first(gateway).getVolumeMounts().add(mount);
    first(gateway).getEnv().add(new EnvVar("POD_NAME", "$(HOSTNAME)", null));

    assertThatThrownBy(() -> new PodTranslation(dev, Map.of()).translate(gateway))
        .hasMessageContaining("field not translated: volumes[].hostPath.path")
        .hasMessageContaining(
            "volume certificates: only emptyDir and claim templates are translated")
        .hasMessageContaining("$(VAR) expansion is not translated: $(HOSTNAME)");
  }

  @Test
  void podDependencies_followTheServiceNamesInTheEnvironment() {
    Manifests dev = Kustomize.manifests("dev");
    PodTranslation translation = new PodTranslation(dev, Map.of());
    List<PodPlan> plans = dev.workloads().stream().map(translation::translate).toList();

    assertThat(DockerPods.inDependencyOrder(plans))
        .extracting(PodPlan::name)
        .containsExactly(
            "redis", "postgres", "product-service", "push-service", "search-service", "gateway");
    assertThat(
            DockerPods.dependencies(
                plans.stream().filter(p -> p.name().equals("gateway")).findFirst().orElseThrow(),
                plans))
        .containsExactlyInAnyOrder("product-service", "redis", "search-service", "push-service");
  }

  private static Container first(Workload workload) {
    return workload.pod().getContainers().getFirst();
  }
}
