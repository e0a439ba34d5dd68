package dev.polyshop.gateway.passthrough;

import static dev.polyshop.gateway.passthrough.EdgeClient.bearer;
import static dev.polyshop.gateway.passthrough.EdgeClient.firstMessages;
import static dev.polyshop.gateway.passthrough.EdgeClient.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyshop.gateway.testing.GatewayHarness;
import dev.polyshop.push.v1.PublishRequest;
import dev.polyshop.search.v1.SearchRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Who may call what on the native gRPC port (see the gateway README's threat model). */
class EdgeAccessIntegrationTests extends GatewayHarness {

  @Autowired NativeGrpcServer nativeGrpc;

  private EdgeClient edge;

  @BeforeEach
  void connect() {
    edge = new EdgeClient(nativeGrpc.port());
  }

  @AfterEach
  void close() throws InterruptedException {
    edge.close();
  }

  @Test
  void publish_atTheEdge_isPermissionDenied_andNeverReachesPushService() {
    var request =
        PublishRequest.newBuilder().setTopic("order.alice").setType("t").setDataJson("{}").build();

    assertStatus(() -> edge.push().publish(request), Status.Code.PERMISSION_DENIED, "internal");
    assertStatus(
        () -> bearer(edge.push(), token("alice")).publish(request),
        Status.Code.PERMISSION_DENIED,
        "internal");
    assertThat(upstreams.push.publishes).hasValue(0);
  }

  @Test
  void subscribe_publicCatalogTopic_worksAnonymously() {
    assertThat(firstMessages(edge.push(), 4, "deals")).hasSize(4);
  }

  @Test
  void search_worksAnonymously() {
    var request = SearchRequest.newBuilder().setQuery("lamp").build();

    assertThat(edge.search().search(request).getHits(0).getProduct().getId()).isEqualTo("lamp");
  }

  @Test
  void subscribe_privateTopic_withoutToken_isUnauthenticated() {
    assertStatus(
        () -> firstMessages(edge.push(), 1, "order.alice.42"),
        Status.Code.UNAUTHENTICATED,
        "bearer token");
    assertThat(upstreams.push.subscriptions).hasValue(0);
  }

  @Test
  void subscribe_malformedTopic_isInvalidArgument_beforeAnyTokenIsAsked() {
    assertStatus(
        () -> firstMessages(edge.push(), 1, "order alice"),
        Status.Code.INVALID_ARGUMENT,
        "order alice");
    assertThat(upstreams.push.subscriptions).hasValue(0);
  }

  @Test
  void subscribe_privateTopic_ofAnotherSubject_isPermissionDenied() {
    assertStatus(
        () -> firstMessages(bearer(edge.push(), token("bob")), 1, "order.alice.42"),
        Status.Code.PERMISSION_DENIED,
        "order.alice.42");
    assertThat(upstreams.push.subscriptions).hasValue(0);
  }

  @Test
  void subscribe_ownPrivateTopics_withTheSubjectsToken_streams() {
    var push = bearer(edge.push(), token("alice"));

    assertThat(firstMessages(push, 4, "order.alice.42", "user.alice")).hasSize(4);
    assertThat(upstreams.push.lastSubscribe.get().getTopicsList())
        .containsExactly("order.alice.42", "user.alice");
  }

  @Test
  void subscribe_ownAndForeignTopicsTogether_isPermissionDenied() {
    assertStatus(
        () -> firstMessages(bearer(edge.push(), token("alice")), 1, "order.alice", "order.bob"),
        Status.Code.PERMISSION_DENIED,
        "order.bob");
  }

  @Test
  void invalidToken_isUnauthenticated_evenOnAPublicMethod() {
    var request = SearchRequest.newBuilder().setQuery("lamp").build();

    assertStatus(
        () -> bearer(edge.search(), "not-a-jwt").search(request),
        Status.Code.UNAUTHENTICATED,
        "invalid");
    assertThat(upstreams.search.calls).hasValue(0);
  }

  @Test
  void theBearerToken_isNotForwardedUpstream() {
    bearer(edge.search(), token("alice")).search(SearchRequest.newBuilder().setQuery("x").build());

    assertThat(upstreams.lastGrpcHeaders.get().keys()).doesNotContain("authorization");
  }

  static void assertStatus(ThrowingCallable call, Status.Code code, String descriptionPart) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(code);
              assertThat(e.getStatus().getDescription()).contains(descriptionPart);
            });
  }
}
