package dev.polyshop.k8s.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.polyshop.k8s.Kustomize;
import dev.polyshop.k8s.Manifests;
import dev.polyshop.k8s.Workload;
import dev.polyshop.k8s.checks.Policies;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the edge exposes: prod's Ingress routes only the public gRPC methods, and push-service's
 * internal Publish port is reachable from labelled publishers only, with a credential in prod.
 */
class EdgeExposureTest {

  private static final List<String> PUBLIC_GRPC_METHODS =
      List.of(
          "/polyshop.search.v1.SearchService/Search",
          "/polyshop.search.v1.SearchService/Suggest",
          "/polyshop.push.v1.PushService/Subscribe");
  private static final int INTERNAL_PUBLISH_PORT = 9093;
  private static final Map<String, String> PUBLISHER =
      Map.of("polyshop.dev/push-publisher", "true");

  @Test
  void prod_grpcIngress_routesExactlyThePublicMethods() {
    List<HTTPIngressPath> grpc =
        paths(Kustomize.manifests("prod"))
            .filter(p -> "grpc-tls".equals(p.getBackend().getService().getPort().getName()))
            .toList();

    assertThat(grpc)
        .extracting(HTTPIngressPath::getPath)
        .containsExactlyInAnyOrderElementsOf(PUBLIC_GRPC_METHODS);
    assertThat(grpc).extracting(HTTPIngressPath::getPathType).containsOnly("Exact");
  }

  @Test
  void prod_noIngressReachesPushService_orTheInternalPort() {
    Manifests prod = Kustomize.manifests("prod");

    assertThat(paths(prod))
        .allSatisfy(
            p -> {
              assertThat(p.getBackend().getService().getName()).isEqualTo("gateway");
              var port = p.getBackend().getService().getPort();
              assertThat(port.getName()).isNotEqualTo("grpc-internal");
              assertThat((Object) port.getNumber()).isNotEqualTo(INTERNAL_PUBLISH_PORT);
            });
    Service gateway = prod.find(Service.class, "gateway").orElseThrow();
    assertThat(gateway.getSpec().getPorts())
        .allSatisfy(p -> assertThat(p.getPort()).isNotEqualTo(INTERNAL_PUBLISH_PORT));
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void internalPublishPort_isOpenOnlyToLabelledPublishers(String overlay) {
    Manifests m = Kustomize.manifests(overlay);
    Workload push = m.workload("push-service");
    assertThat(push.pod().getContainers().getFirst().getPorts())
        .extracting(ContainerPort::getName, ContainerPort::getContainerPort)
        .contains(tuple("grpc-internal", INTERNAL_PUBLISH_PORT));

    List<NetworkPolicyIngressRule> rulesForThePort =
        m.networkPoliciesSelecting(push).stream()
            .map(NetworkPolicy::getSpec)
            .flatMap(spec -> spec.getIngress().stream())
            .filter(rule -> opens(rule, INTERNAL_PUBLISH_PORT))
            .toList();
    assertThat(rulesForThePort)
        .isNotEmpty()
        .allSatisfy(
            rule ->
                assertThat(rule.getFrom())
                    .isNotEmpty()
                    .allSatisfy(
                        peer -> {
                          assertThat(peer.getIpBlock()).isNull();
                          assertThat(peer.getNamespaceSelector()).isNull();
                          assertThat(peer.getPodSelector().getMatchLabels()).isEqualTo(PUBLISHER);
                        }));
    assertThat(Flows.allowed(m))
        .noneMatch(flow -> flow.endsWith(":" + INTERNAL_PUBLISH_PORT + "/TCP"));
  }

  @Test
  void aPodLabelledAsPublisher_reachesTheInternalPort() {
    Manifests dev = Kustomize.manifests("dev");
    Workload search = dev.workload("search-service");
    search.podLabels().putAll(PUBLISHER);
    // search-service's own egress policy must allow it too: open it as a publisher's would be.
    dev.networkPoliciesSelecting(search).stream()
        .filter(p -> p.getMetadata().getName().equals("search-service"))
        .forEach(
            p ->
                p.getSpec()
                    .getEgress()
                    .add(
                        new NetworkPolicyEgressRuleBuilder()
                            .addNewTo()
                            .withNewPodSelector()
                            .addToMatchLabels("app.kubernetes.io/name", "push-service")
                            .endPodSelector()
                            .endTo()
                            .addNewPort()
                            .withProtocol("TCP")
                            .withPort(new IntOrString(INTERNAL_PUBLISH_PORT))
                            .endPort()
                            .build()));

    assertThat(Flows.allowed(dev)).contains("search-service -> push-service:9093/TCP");
  }

  @Test
  void prod_pushService_verifiesPublisherTokensWithAnExternalSecret() {
    Manifests prod = Kustomize.manifests("prod");
    var env =
        prod.workload("push-service").pod().getContainers().getFirst().getEnv().stream()
            .filter(e -> e.getName().equals("PUSH_PUBLISHER_JWT_SECRET"))
            .toList();

    assertThat(env).hasSize(1);
    assertThat(env.getFirst().getValueFrom().getSecretKeyRef().getName())
        .isEqualTo("push-publisher-jwt");
    assertThat(Policies.EXTERNAL_SECRETS.get("prod")).contains("push-publisher-jwt");
  }

  private static boolean opens(NetworkPolicyIngressRule rule, int port) {
    return rule.getPorts().isEmpty()
        || rule.getPorts().stream()
            .anyMatch(
                p -> p.getPort() == null || Integer.valueOf(port).equals(p.getPort().getIntVal()));
  }

  private static Stream<HTTPIngressPath> paths(Manifests m) {
    return m.all(Ingress.class).stream()
        .flatMap(i -> i.getSpec().getRules().stream())
        .flatMap(r -> r.getHttp().getPaths().stream());
  }
}
