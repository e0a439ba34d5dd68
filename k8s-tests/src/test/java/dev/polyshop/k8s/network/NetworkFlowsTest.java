package dev.polyshop.k8s.network;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyshop.k8s.Kustomize;
import dev.polyshop.k8s.Manifests;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The NetworkPolicies allow exactly the flows of the runtime picture, and nothing else. */
class NetworkFlowsTest {

  private static final String DNS =
      "namespace kubernetes.io/metadata.name=kube-system pods k8s-app=kube-dns";

  /** Inside the namespace, in both overlays. */
  private static final List<String> SERVICE_FLOWS =
      List.of(
          "gateway -> product-service:8081/TCP",
          "gateway -> search-service:9091/TCP",
          "gateway -> push-service:9092/TCP",
          "gateway -> redis:6379/TCP",
          "search-service -> product-service:8081/TCP",
          "push-service -> product-service:8081/TCP",
          "push-service -> redis:6379/TCP");

  @Test
  void dev_allowsTheServiceFlowsTheInClusterDatabaseAndDnsOnly() {
    List<String> expected =
        concat(
            SERVICE_FLOWS,
            List.of(
                "product-service -> postgres:5432/TCP",
                "anywhere -> gateway:8080/TCP",
                "anywhere -> gateway:8443/TCP"),
            dns(
                "gateway",
                "product-service",
                "search-service",
                "push-service",
                "redis",
                "postgres"));

    assertThat(Flows.allowed(Kustomize.manifests("dev")))
        .containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void prod_allowsTheServiceFlowsTheExternalDatabaseTheIngressControllerAndDnsOnly() {
    List<String> expected =
        concat(
            SERVICE_FLOWS,
            List.of(
                "product-service -> anywhere:5432/TCP",
                "namespace kubernetes.io/metadata.name=ingress-nginx -> gateway:8080/TCP",
                "namespace kubernetes.io/metadata.name=ingress-nginx -> gateway:8443/TCP"),
            dns("gateway", "product-service", "search-service", "push-service", "redis"));

    assertThat(Flows.allowed(Kustomize.manifests("prod")))
        .containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void withoutDefaultDeny_everythingIsOpen() {
    Manifests dev = Kustomize.manifests("dev");
    dev.all(NetworkPolicy.class).stream()
        .map(p -> p.getMetadata().getName())
        .toList()
        .forEach(name -> dev.remove(NetworkPolicy.class, name));

    assertThat(Flows.allowed(dev))
        .contains("redis -> postgres:5432/TCP", "search-service -> push-service:9192/TCP");
  }

  private static List<String> dns(String... workloads) {
    return Stream.of(workloads)
        .flatMap(w -> Stream.of(w + " -> " + DNS + ":53/UDP", w + " -> " + DNS + ":53/TCP"))
        .toList();
  }

  @SafeVarargs
  private static List<String> concat(List<String>... lists) {
    return Stream.of(lists).flatMap(List::stream).toList();
  }
}
