package dev.polyshop.push.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyshop.push.system.Config;
import dev.polyshop.push.testing.PushConfigs;
import dev.polyshop.push.testing.PushUnderTest;
import dev.polyshop.push.testing.ServiceTokens;
import dev.polyshop.push.v1.PublishRequest;
import dev.polyshop.push.v1.PushServiceGrpc;
import dev.polyshop.push.v1.SubscribeRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Publish on the internal port needs a service token with scope {@code push:publish}. */
class PublisherAuthenticationTest {

  private static final String SECRET = PushConfigs.PUBLISHER_SECRET;
  private static final PublishRequest ORDER =
      PublishRequest.newBuilder().setTopic("order.a.1").setType("t").setDataJson("{}").build();

  private PushUnderTest push;

  @AfterEach
  void close() {
    if (push != null) {
      push.close();
    }
  }

  private PushServiceGrpc.PushServiceBlockingStub internal(String token) {
    var stub =
        PushServiceGrpc.newBlockingStub(push.internalChannel())
            .withDeadlineAfter(5, TimeUnit.SECONDS);
    return token == null ? stub : ServiceTokens.bearer(stub, token);
  }

  @Test
  void publish_withAPublisherToken_isAccepted() throws Exception {
    push = PushUnderTest.inProcess(PushConfigs.of());

    assertThat(internal(ServiceTokens.publisher(SECRET)).publish(ORDER).getEventId())
        .startsWith("p-");
  }

  @Test
  void publish_withoutToken_orWithABadOne_isUnauthenticated() throws Exception {
    push = PushUnderTest.inProcess(PushConfigs.of());
    String otherSecret = "another-secret-that-is-at-least-32-bytes-long";

    assertStatus(() -> internal(null).publish(ORDER), Status.Code.UNAUTHENTICATED);
    assertStatus(() -> internal("not-a-jwt").publish(ORDER), Status.Code.UNAUTHENTICATED);
    assertStatus(
        () -> internal(ServiceTokens.publisher(otherSecret)).publish(ORDER),
        Status.Code.UNAUTHENTICATED);
    assertStatus(
        () ->
            internal(ServiceTokens.mint(SECRET, "push:publish", Duration.ofMinutes(-5)))
                .publish(ORDER),
        Status.Code.UNAUTHENTICATED);
  }

  @Test
  void publish_withATokenWithoutThePublishScope_isPermissionDenied() throws Exception {
    push = PushUnderTest.inProcess(PushConfigs.of());
    String token = ServiceTokens.mint(SECRET, "products:write", Duration.ofMinutes(5));

    assertStatus(() -> internal(token).publish(ORDER), Status.Code.PERMISSION_DENIED);
  }

  @Test
  void publish_withoutAConfiguredSecret_isPermissionDeniedForEveryone() throws Exception {
    push = PushUnderTest.inProcess(PushConfigs.of("PUSH_PUBLISHER_JWT_SECRET", ""));

    assertStatus(
        () -> internal(ServiceTokens.publisher(SECRET)).publish(ORDER),
        Status.Code.PERMISSION_DENIED);
  }

  @Test
  void subscribe_onTheInternalPort_isPermissionDenied() throws Exception {
    push = PushUnderTest.inProcess(PushConfigs.of());
    var request = SubscribeRequest.newBuilder().addTopics("deals").build();

    assertStatus(
        () -> internal(ServiceTokens.publisher(SECRET)).subscribe(request).hasNext(),
        Status.Code.PERMISSION_DENIED);
  }

  @Test
  void aPublisherSecretShorterThan32Bytes_stopsStartup_withoutEchoingIt() {
    assertThatThrownBy(() -> Config.from(Map.of("PUSH_PUBLISHER_JWT_SECRET", "short-secret")))
        .hasMessageContaining("PUSH_PUBLISHER_JWT_SECRET")
        .hasMessageNotContaining("short-secret");
  }

  private static void assertStatus(ThrowingCallable call, Status.Code code) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            StatusRuntimeException.class, e -> assertThat(e.getStatus().getCode()).isEqualTo(code));
  }
}
