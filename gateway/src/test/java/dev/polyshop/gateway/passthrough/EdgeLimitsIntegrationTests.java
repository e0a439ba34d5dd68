package dev.polyshop.gateway.passthrough;

import static dev.polyshop.gateway.passthrough.EdgeAccessIntegrationTests.assertStatus;
import static dev.polyshop.gateway.passthrough.EdgeClient.bearer;
import static dev.polyshop.gateway.passthrough.EdgeClient.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import dev.polyshop.gateway.testing.GatewayHarness;
import dev.polyshop.push.v1.PushServiceGrpc;
import dev.polyshop.push.v1.SubscribeRequest;
import dev.polyshop.push.v1.SubscribeResponse;
import dev.polyshop.search.v1.SearchRequest;
import io.grpc.Context;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/** Own context: small limits on the native gRPC port, and a budget of 10 calls per client. */
@TestPropertySource(
    properties = {
      "polyshop.gateway.rate-limit.store=memory",
      "polyshop.gateway.rate-limit.replenish-rate=1",
      "polyshop.gateway.rate-limit.requested-tokens=60",
      "polyshop.gateway.rate-limit.burst-capacity=600",
      "polyshop.gateway.grpc.limits.max-concurrent-calls-per-connection=2",
      "polyshop.gateway.grpc.limits.max-inbound-message-size=16KB",
      "polyshop.gateway.grpc.limits.max-inbound-metadata-size=4KB",
      "polyshop.gateway.grpc.limits.max-unary-deadline=1s",
      "polyshop.gateway.grpc.limits.max-connection-age=3s",
      "polyshop.gateway.grpc.limits.max-connection-age-grace=1s"
    })
class EdgeLimitsIntegrationTests extends GatewayHarness {

  private static final AtomicInteger clients = new AtomicInteger();

  @Autowired NativeGrpcServer nativeGrpc;

  private EdgeClient edge;
  private String token;

  @BeforeEach
  void connect() {
    edge = new EdgeClient(nativeGrpc.port());
    token = token("client-" + clients.incrementAndGet()); // its own rate-limit budget
  }

  @AfterEach
  void close() throws InterruptedException {
    edge.close();
  }

  private static SearchRequest query(String query) {
    return SearchRequest.newBuilder().setQuery(query).build();
  }

  @Test
  void callsBeyondTheClientsBudget_areResourceExhausted_andTheBudgetIsSharedWithHttp() {
    var search = bearer(edge.search(), token);
    for (int i = 0; i < 9; i++) {
      search.search(query("q" + i));
    }
    client
        .get()
        .uri("/api/ping")
        .header("Authorization", "Bearer " + token)
        .exchange()
        .expectStatus()
        .isOk();

    assertStatus(
        () -> search.search(query("one-too-many")), Status.Code.RESOURCE_EXHAUSTED, "rate");
    client
        .get()
        .uri("/api/ping")
        .header("Authorization", "Bearer " + token)
        .exchange()
        .expectStatus()
        .isEqualTo(429);
    assertThat(bearer(edge.search(), token("someone-else")).search(query("ok")).getHitsCount())
        .isEqualTo(1);
  }

  @Test
  void messageOverTheLimit_isResourceExhausted_beforeReachingTheUpstream() {
    var search = bearer(edge.search(), token);

    StatusRuntimeException refused =
        catchThrowableOfType(
            StatusRuntimeException.class, () -> search.search(query("x".repeat(32 * 1024))));

    // The server refuses the message from its length prefix and closes the stream while the
    // client may still be sending the rest: the client then sees the reset (CANCELLED) before
    // the trailers (RESOURCE_EXHAUSTED). Either way the call failed and never went upstream.
    assertThat(refused).isNotNull();
    assertThat(refused.getStatus().getCode())
        .isIn(Status.Code.RESOURCE_EXHAUSTED, Status.Code.CANCELLED);
    assertThat(upstreams.search.calls).hasValue(0);
  }

  @Test
  void metadataOverTheLimit_isRejected_beforeReachingTheUpstream() {
    Metadata padding = new Metadata();
    padding.put(Metadata.Key.of("x-pad", Metadata.ASCII_STRING_MARSHALLER), "p".repeat(6 * 1024));
    var search =
        bearer(edge.search(), token)
            .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(padding));

    // Netty refuses the header block before a call exists; grpc-java's client reports it as
    // INTERNAL.
    assertStatus(() -> search.search(query("padded")), Status.Code.INTERNAL, "");
    assertThat(upstreams.search.calls).hasValue(0);
    assertThat(bearer(edge.search(), token).search(query("unpadded")).getHitsCount()).isEqualTo(1);
  }

  @Test
  void unaryDeadline_isCappedAtTheMaximum() {
    var search = bearer(edge.search(), token).withDeadlineAfter(60, TimeUnit.SECONDS);
    long started = System.nanoTime();

    assertStatus(() -> search.search(query("slow")), Status.Code.DEADLINE_EXCEEDED, "");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1400));
  }

  @Test
  void callsBeyondTheConnectionsLimit_waitForAFreeSlot() {
    int before = upstreams.push.active.get();
    var first = subscribe();
    var second = subscribe();
    await().atMost(Duration.ofSeconds(5)).until(() -> upstreams.push.active.get() == before + 2);

    var third = bearer(edge.search(), token).withDeadlineAfter(300, TimeUnit.MILLISECONDS);
    assertStatus(() -> third.search(query("third")), Status.Code.DEADLINE_EXCEEDED, "");
    try (var other = new EdgeClient(nativeGrpc.port())) {
      assertThat(bearer(other.search(), token).search(query("elsewhere")).getHitsCount())
          .isEqualTo(1);
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }

    first.cancel(null);
    assertThat(bearer(edge.search(), token).search(query("freed")).getHitsCount()).isEqualTo(1);
    second.cancel(null);
  }

  @Test
  void oldConnections_areClosedAfterTheirAgeAndGrace_soStreamsEndWithUnavailable() {
    var ended = new CompletableFuture<Status>();
    PushServiceGrpc.newStub(edge.channel)
        .withDeadlineAfter(20, TimeUnit.SECONDS)
        .withInterceptors(bearerInterceptor())
        .subscribe(
            SubscribeRequest.newBuilder().addTopics("deals").build(),
            new StreamObserver<>() {
              @Override
              public void onNext(SubscribeResponse value) {}

              @Override
              public void onError(Throwable t) {
                ended.complete(Status.fromThrowable(t));
              }

              @Override
              public void onCompleted() {
                ended.complete(Status.OK);
              }
            });

    Status status = ended.orTimeout(10, TimeUnit.SECONDS).join();
    assertThat(status.getCode()).isEqualTo(Status.Code.UNAVAILABLE);
  }

  private io.grpc.ClientInterceptor bearerInterceptor() {
    Metadata headers = new Metadata();
    headers.put(
        Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
    return MetadataUtils.newAttachHeadersInterceptor(headers);
  }

  private Context.CancellableContext subscribe() {
    Context.CancellableContext context = Context.current().withCancellation();
    context.run(
        () ->
            PushServiceGrpc.newStub(edge.channel)
                .withInterceptors(bearerInterceptor())
                .subscribe(
                    SubscribeRequest.newBuilder().addTopics("deals").build(),
                    new StreamObserver<>() {
                      @Override
                      public void onNext(SubscribeResponse value) {}

                      @Override
                      public void onError(Throwable t) {}

                      @Override
                      public void onCompleted() {}
                    }));
    return context;
  }
}
