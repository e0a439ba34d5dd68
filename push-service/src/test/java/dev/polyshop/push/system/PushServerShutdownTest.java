package dev.polyshop.push.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyshop.push.testing.Awaits;
import dev.polyshop.push.testing.PushConfigs;
import dev.polyshop.push.testing.PushUnderTest;
import dev.polyshop.push.testing.StreamRecorder;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.stub.StreamObserver;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class PushServerShutdownTest {

  @Test
  void close_turnsHealthNotServing_andEndsEveryStreamWithUnavailableAndAResumeHint()
      throws Exception {
    PushUnderTest push = PushUnderTest.inProcess(PushConfigs.of());
    List<ServingStatus> health = new CopyOnWriteArrayList<>();
    HealthGrpc.newStub(push.channel())
        .watch(
            HealthCheckRequest.newBuilder().setService("polyshop.push.v1.PushService").build(),
            new StreamObserver<>() {
              @Override
              public void onNext(HealthCheckResponse value) {
                health.add(value.getStatus());
              }

              @Override
              public void onError(Throwable t) {}

              @Override
              public void onCompleted() {}
            });
    Awaits.until(() -> health.contains(ServingStatus.SERVING), Duration.ofSeconds(5));
    StreamRecorder published = push.subscribed(StreamRecorder.fast(), "", "orders.1");
    StreamRecorder catalog = push.subscribed(StreamRecorder.fast(), "", "deals");

    push.server().close();

    Awaits.until(() -> health.size() == 2, Duration.ofSeconds(5), health::toString);
    assertThat(health).containsExactly(ServingStatus.SERVING, ServingStatus.NOT_SERVING);
    for (StreamRecorder stream : List.of(published, catalog)) {
      Status status = stream.awaitClose(Duration.ofSeconds(5));
      assertThat(status.getCode()).isEqualTo(Status.Code.UNAVAILABLE);
      assertThat(status.getDescription()).contains("reconnect").contains("resume_token");
    }
    assertThat(push.server().hub().subscriberCount()).isZero();
    push.close();
  }

  @Test
  void metricsEndpoint_exposesFanoutGauges() throws Exception {
    try (PushUnderTest push = PushUnderTest.inProcess(PushConfigs.of("PUSH_METRICS_PORT", "0"))) {
      push.subscribed(StreamRecorder.fast(), "", "orders.1");
      push.publish("orders.1", "t", "{}");

      String body =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create(
                              "http://127.0.0.1:" + push.server().metricsPort() + "/metrics"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();

      assertThat(body)
          .contains("push_subscribers 1")
          .contains("push_queued_events")
          .contains("push_queue_depth_max_events")
          .contains("executor_pool_max_threads{name=\"push-delivery\"}")
          .contains("push_dropped_events_total")
          .contains("jvm_threads_virtual_live_threads{scheduling_status=\"mounted\"}")
          .contains("push_fanout_seconds_bucket")
          .contains("push_delivery_latency_seconds_count")
          .contains("push_retained_events{family=\"published\"} 1");
    }
  }

  @Test
  void healthEndpoint_isServingWhileUp_andClosesWithTheServer() throws Exception {
    PushUnderTest push = PushUnderTest.inProcess(PushConfigs.of("PUSH_METRICS_PORT", "0"));
    URI health = URI.create("http://127.0.0.1:" + push.server().metricsPort() + "/health");
    HttpClient http = HttpClient.newHttpClient();

    var up =
        http.send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(up.statusCode()).isEqualTo(200);
    assertThat(up.body()).isEqualTo("SERVING\n");

    push.close();
    assertThatThrownBy(
            () ->
                http.send(
                    HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(java.io.IOException.class);
  }
}
