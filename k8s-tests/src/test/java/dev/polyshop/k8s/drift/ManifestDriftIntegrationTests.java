package dev.polyshop.k8s.drift;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyshop.k8s.Kustomize;
import dev.polyshop.k8s.Manifests;
import dev.polyshop.k8s.Workload;
import dev.polyshop.k8s.checks.Policies;
import io.fabric8.kubernetes.api.model.Probe;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * Drift between the manifests and the images: every workload of each rendered overlay runs from its
 * image with exactly the pod's environment, ports, volumes, user, read-only root and memory limit,
 * and every probe passes as the kubelet would run it. Needs the images built by {@code
 * -Psystem-tests} and a Docker daemon whose container IPs this JVM can reach (Linux).
 */
class ManifestDriftIntegrationTests {

  /** Where prod's external PostgreSQL is, for the test: a container on the overlay's network. */
  private static final String TEST_DATABASE_HOST = "external-postgres";

  static List<String> overlays() {
    return Kustomize.overlays();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("overlays")
  void everyPod_runsFromItsImageAndPassesItsProbes(String overlay) {
    long started = System.nanoTime();
    Manifests manifests = Kustomize.manifests(overlay);
    Set<String> external = Policies.EXTERNAL_SECRETS.getOrDefault(overlay, Set.of());
    String password = randomKey(18);
    Map<String, Map<String, String>> secrets = testSecrets(external, password);
    // Translate every pod before starting any: an untranslatable manifest fails at once.
    PodTranslation translation = new PodTranslation(manifests, secrets);
    List<PodPlan> plans = manifests.workloads().stream().map(translation::translate).toList();

    try (DockerPods pods = new DockerPods(overlay)) {
      if (external.contains("product-database")) {
        pods.startOutside(testDatabase(pods, password));
      }
      List<String> failures = pods.startAndProbe(plans);

      assertThat(failures)
          .as("pods of overlay %s that drifted from their images", overlay)
          .isEmpty();
    }
    System.out.printf(
        "[drift] overlay %s: %d workloads passed every probe in %d s%n",
        overlay, plans.size(), Duration.ofNanos(System.nanoTime() - started).toSeconds());
  }

  /** Proof that the test can fail: a startup probe path the image does not serve is drift. */
  @Test
  void probePathTheImageDoesNotServe_failsWithTheProbeAndTheLogs() {
    Manifests dev = Kustomize.manifests("dev");
    Workload search = dev.workload("search-service");
    Probe startup = search.pod().getContainers().getFirst().getStartupProbe();
    startup.getHttpGet().setPath("/-/ready-and-willing");
    // Give up after 3 attempts 2 s apart rather than the manifest's 2 minutes.
    startup.setFailureThreshold(3);
    startup.setPeriodSeconds(2);
    PodPlan plan = new PodTranslation(dev, Map.of()).translate(search);

    try (DockerPods pods = new DockerPods("dev, mutated")) {
      List<String> failures = pods.startAndProbe(List.of(plan));

      assertThat(failures)
          .singleElement()
          .asString()
          .contains("Deployment/search-service: startupProbe")
          .contains("/-/ready-and-willing")
          .contains("answered 404")
          .contains("--- container logs");
    }
  }

  /**
   * Test values for the Secrets the overlay does not render (in prod they are created outside git,
   * k8s/README.md): product-database points at a test PostgreSQL on the overlay's network (no TLS
   * there, hence no sslmode=require), gateway-jwt and push-publisher-jwt are fresh random keys.
   */
  private static Map<String, Map<String, String>> testSecrets(
      Set<String> external, String password) {
    Map<String, Map<String, String>> values =
        Map.of(
            "product-database",
            Map.of(
                "url",
                "jdbc:postgresql://" + TEST_DATABASE_HOST + ":5432/polyshop",
                "username",
                "polyshop",
                "password",
                password),
            "gateway-jwt",
            Map.of("secret", randomKey(48)),
            "push-publisher-jwt",
            Map.of("secret", randomKey(48)));
    return Map.copyOf(
        values.entrySet().stream()
            .filter(e -> external.contains(e.getKey()))
            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
  }

  @SuppressWarnings("resource")
  private static PostgreSQLContainer testDatabase(DockerPods pods, String password) {
    return new PostgreSQLContainer("postgres:15")
        .withNetwork(pods.network())
        .withNetworkAliases(TEST_DATABASE_HOST)
        .withDatabaseName("polyshop")
        .withUsername("polyshop")
        .withPassword(password);
  }

  private static String randomKey(int bytes) {
    byte[] key = new byte[bytes];
    new SecureRandom().nextBytes(key);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(key);
  }
}
