package dev.polyshop.search.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyshop.catalog.v1.ChangeEvent;
import dev.polyshop.search.testing.CatalogFixtures;
import dev.polyshop.search.testing.FakeChangeFeed;
import dev.polyshop.search.testing.RunningSearch;
import dev.polyshop.search.v1.SearchRequest;
import dev.polyshop.testing.OtlpReceiver;
import dev.polyshop.testing.OtlpReceiver.ReceivedSpan;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** With an OTLP endpoint configured, a search continues its caller's trace and is exported. */
class TracingIntegrationTests {

  private static final String TRACE = "0af7651916cd43dd8448eb211c80319c";
  private static final String CALLER_SPAN = "b7ad6b7169203331";

  private FakeChangeFeed feed;
  private RunningSearch running;
  private OtlpReceiver receiver;

  @AfterEach
  void stop() throws Exception {
    running.close();
    feed.close();
    receiver.close();
  }

  @Test
  void aSearch_isASpanOfTheCallersTrace_exportedOverOtlp() throws Exception {
    receiver = OtlpReceiver.start();
    feed = FakeChangeFeed.start(CatalogFixtures.catalogEvents());
    running =
        RunningSearch.start(
            feed.url(), Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint().toString()));
    running.awaitServing();
    Metadata headers = new Metadata();
    headers.put(
        Metadata.Key.of("traceparent", Metadata.ASCII_STRING_MARSHALLER),
        "00-" + TRACE + "-" + CALLER_SPAN + "-01");

    running
        .search()
        .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
        .search(SearchRequest.newBuilder().setQuery("laptop").build());
    running.close(); // shutdown flushes the batch of spans

    ReceivedSpan span =
        receiver.await(spans -> !spans.isEmpty(), Duration.ofSeconds(10)).stream()
            .filter(s -> s.name().equals("polyshop.search.v1.SearchService/Search"))
            .findFirst()
            .orElseThrow();
    assertThat(span.service()).isEqualTo("search-service");
    assertThat(span.kind()).isEqualTo("SERVER");
    assertThat(span.traceId()).isEqualTo(TRACE);
    assertThat(span.parentSpanId()).isEqualTo(CALLER_SPAN);
    assertThat(span.attributes()).containsEntry("rpc.grpc.status_code", "0");
    // Health checks (the kubelet's readiness probe) make no spans.
    assertThat(receiver.spans())
        .extracting(ReceivedSpan::name)
        .doesNotContain("grpc.health.v1.Health/Check");
  }

  @Test
  void applyingTheFeed_isASpanLinkedToTheTraceOfEachWrite() throws Exception {
    String writeTrace = "4bf92f3577b34da6a3ce929d0e0e4736";
    List<ChangeEvent> events = new ArrayList<>(CatalogFixtures.catalogEvents());
    events.set(
        0,
        events.get(0).toBuilder()
            .setTraceParent("00-" + writeTrace + "-00f067aa0ba902b7-01")
            .build());
    receiver = OtlpReceiver.start();
    feed = FakeChangeFeed.start(events);
    running =
        RunningSearch.start(
            feed.url(), Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint().toString()));
    running.awaitServing();
    running.close(); // shutdown flushes the batch of spans

    ReceivedSpan apply =
        receiver
            .await(
                spans -> spans.stream().anyMatch(s -> s.name().equals("index changes")),
                Duration.ofSeconds(10))
            .stream()
            .filter(s -> s.linkedTraceIds().contains(writeTrace))
            .findFirst()
            .orElseThrow();
    assertThat(apply.service()).isEqualTo("search-service");
    assertThat(apply.kind()).isEqualTo("CONSUMER");
    assertThat(apply.traceId()).isNotEqualTo(writeTrace);
  }
}
