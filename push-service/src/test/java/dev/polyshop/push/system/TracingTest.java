package dev.polyshop.push.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyshop.push.testing.FakeChangeFeed;
import dev.polyshop.push.testing.PushConfigs;
import dev.polyshop.push.testing.PushUnderTest;
import dev.polyshop.push.testing.ServiceTokens;
import dev.polyshop.push.testing.StreamRecorder;
import dev.polyshop.push.v1.PublishRequest;
import dev.polyshop.push.v1.PushServiceGrpc;
import dev.polyshop.testing.OtlpReceiver;
import dev.polyshop.testing.OtlpReceiver.ReceivedSpan;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * With an OTLP endpoint configured, Publish and Subscribe calls are spans of their callers' traces.
 */
class TracingTest {

  private static final String TRACE = "5b8efff798038103d269b633813fc60c";
  private static final String CALLER_SPAN = "eee19b7ec3c1b174";

  @Test
  void publishAndSubscribe_areServerSpansOfTheCallersTrace() throws Exception {
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      PushUnderTest push =
          PushUnderTest.inProcess(
              PushConfigs.of("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint().toString()));
      StreamRecorder stream = push.subscribed(StreamRecorder.fast(), "", "orders.1");
      Metadata headers = new Metadata();
      headers.put(
          Metadata.Key.of("traceparent", Metadata.ASCII_STRING_MARSHALLER),
          "00-" + TRACE + "-" + CALLER_SPAN + "-01");

      ServiceTokens.bearer(
              PushServiceGrpc.newBlockingStub(push.internalChannel()),
              ServiceTokens.publisher(PushConfigs.PUBLISHER_SECRET))
          .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
          .withDeadlineAfter(5, TimeUnit.SECONDS)
          .publish(
              PublishRequest.newBuilder()
                  .setTopic("orders.1")
                  .setType("order.shipped")
                  .setDataJson("{}")
                  .build());
      stream.awaitItems(items -> items.size() >= 2, Duration.ofSeconds(5));
      // The subscriber leaves, which ends its call and its span (exported with the next batch).
      // Stopping the server instead raced its executor's shutdown to the span's end.
      stream.cancel();
      List<ReceivedSpan> spans;
      try {
        spans = receiver.await(got -> got.size() >= 2, Duration.ofSeconds(15));
      } finally {
        push.close();
      }
      assertThat(spans)
          .filteredOn(span -> span.name().equals("polyshop.push.v1.PushService/Publish"))
          .singleElement()
          .satisfies(
              publish -> {
                assertThat(publish.service()).isEqualTo("push-service");
                assertThat(publish.traceId()).isEqualTo(TRACE);
                assertThat(publish.parentSpanId()).isEqualTo(CALLER_SPAN);
                assertThat(publish.attributes()).containsEntry("rpc.grpc.status_code", "0");
              });
      assertThat(spans)
          .filteredOn(span -> span.name().equals("polyshop.push.v1.PushService/Subscribe"))
          .singleElement()
          .satisfies(
              subscribe -> {
                assertThat(subscribe.kind()).isEqualTo("SERVER");
                assertThat(subscribe.traceId()).isNotEqualTo(TRACE);
              });
    }
  }

  @Test
  void catalogChanges_arePublishedInASpanLinkedToTheirWrites() throws Exception {
    String writeTrace = "4bf92f3577b34da6a3ce929d0e0e4736";
    try (OtlpReceiver receiver = OtlpReceiver.start();
        FakeChangeFeed feed = new FakeChangeFeed()) {
      feed.upsert("p1", 1, 1999, 5, "audio");
      feed.traceLast("00-" + writeTrace + "-00f067aa0ba902b7-01");
      PushUnderTest push =
          PushUnderTest.inProcess(
              PushConfigs.of(
                  "OTEL_EXPORTER_OTLP_ENDPOINT",
                  receiver.endpoint().toString(),
                  "PRODUCT_SERVICE_URL",
                  feed.url()));
      try {
        ReceivedSpan publish =
            receiver
                .await(
                    got -> got.stream().anyMatch(s -> s.linkedTraceIds().contains(writeTrace)),
                    Duration.ofSeconds(15))
                .stream()
                .filter(s -> s.linkedTraceIds().contains(writeTrace))
                .findFirst()
                .orElseThrow();
        assertThat(publish.name()).isEqualTo("publish catalog changes");
        assertThat(publish.service()).isEqualTo("push-service");
        assertThat(publish.kind()).isEqualTo("CONSUMER");
      } finally {
        push.close();
      }
    }
  }
}
