package dev.polyshop.product.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.util.JsonFormat;
import dev.polyshop.catalog.v1.ChangeEvent;
import dev.polyshop.catalog.v1.ChangeFeedPage;
import dev.polyshop.product.testing.HttpApi;
import dev.polyshop.product.testing.PostgresContainerConfiguration;
import dev.polyshop.product.testing.ProductBodies;
import dev.polyshop.testing.OtlpReceiver;
import dev.polyshop.testing.OtlpReceiver.ReceivedSpan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Spans of real requests, exported over real OTLP/HTTP to a receiver in the test: a request's
 * SERVER span continues the caller's trace, its SQL statements are its children, and the change
 * event it writes carries its trace for the feed's consumers.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "polyshop.seed.products=0",
      "polyshop.feed.compaction-interval=1d",
      "polyshop.idempotency.cleanup-interval=1d",
      // Lines logged inside a request, to see its ids on them.
      "logging.level.org.springframework.jdbc.core.JdbcTemplate=DEBUG"
    })
@Import(PostgresContainerConfiguration.class)
@ExtendWith(OutputCaptureExtension.class)
class TracingIntegrationTests {

  private static final String CALLER_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String CALLER_SPAN = "00f067aa0ba902b7";
  private static final OtlpReceiver receiver = start();

  @LocalServerPort int port;
  private HttpApi api;

  @DynamicPropertySource
  static void tracing(DynamicPropertyRegistry registry) {
    registry.add("OTEL_EXPORTER_OTLP_ENDPOINT", () -> receiver.endpoint().toString());
  }

  @AfterAll
  static void stop() {
    receiver.close();
  }

  @BeforeEach
  void client() {
    api = new HttpApi(port);
  }

  @Test
  void aWrite_continuesTheCallersTrace_withItsStatements_andHandsTheTraceToTheFeed(
      CapturedOutput output) throws Exception {
    String sku = ProductBodies.uniqueSku("TRACED");
    long head = page(0, 1).getHeadPosition();
    var created =
        api.send(
            "POST",
            "/products",
            "application/json",
            ProductBodies.body(sku),
            "traceparent",
            "00-" + CALLER_TRACE + "-" + CALLER_SPAN + "-01");
    assertThat(created.status()).isEqualTo(201);

    List<ReceivedSpan> spans =
        receiver.await(
            got ->
                got.stream()
                    .anyMatch(
                        s -> s.traceId().equals(CALLER_TRACE) && s.name().equals("POST /products")),
            Duration.ofSeconds(15));
    ReceivedSpan server =
        spans.stream().filter(s -> s.name().equals("POST /products")).findFirst().orElseThrow();
    assertThat(server.service()).isEqualTo("product-service");
    assertThat(server.kind()).isEqualTo("SERVER");
    assertThat(server.parentSpanId()).isEqualTo(CALLER_SPAN);
    assertThat(server.attributes())
        .containsEntry("http.route", "/products")
        .containsEntry("http.response.status_code", "201");

    List<ReceivedSpan> statements =
        receiver.await(got -> childrenOf(got, server).size() >= 2, Duration.ofSeconds(15)).stream()
            .filter(s -> s.parentSpanId().equals(server.spanId()))
            .toList();
    assertThat(statements).allSatisfy(s -> assertThat(s.kind()).isEqualTo("CLIENT"));
    assertThat(statements)
        .anySatisfy(
            s -> {
              assertThat(s.name()).isEqualTo("INSERT");
              assertThat(s.attributes().get("db.query.text")).contains("change_event");
              assertThat(s.attributes()).containsEntry("db.system.name", "postgresql");
            });

    ChangeEvent event = eventOf(created.json().get("id").asString(), head);
    assertThat(output.getOut())
        .as("the lines the request logged show its trace and span")
        .contains("[" + CALLER_TRACE + "-" + server.spanId() + "] ");
    assertThat(event.getTraceParent())
        .isEqualTo("00-" + CALLER_TRACE + "-" + server.spanId() + "-01");
  }

  @Test
  void spans_areNamedByRoute_neverByProductId_andBackgroundStatementsMakeNone() throws Exception {
    var created =
        api.send(
            "POST",
            "/products",
            "application/json",
            ProductBodies.body(ProductBodies.uniqueSku("R")));
    String id = created.json().get("id").asString();
    assertThat(api.get("/products/" + id).status()).isEqualTo(200);

    List<ReceivedSpan> spans =
        receiver.await(
            got -> got.stream().anyMatch(s -> s.name().equals("GET /products/{id}")),
            Duration.ofSeconds(15));
    assertThat(spans).noneSatisfy(s -> assertThat(s.name()).contains(id));
    // The sequencer runs a statement every 200 ms outside any request: none is a span.
    List<String> serverSpans =
        spans.stream().filter(s -> s.kind().equals("SERVER")).map(ReceivedSpan::spanId).toList();
    assertThat(spans)
        .filteredOn(s -> s.kind().equals("CLIENT"))
        .isNotEmpty()
        .allSatisfy(s -> assertThat(serverSpans).contains(s.parentSpanId()));
  }

  private static List<ReceivedSpan> childrenOf(List<ReceivedSpan> spans, ReceivedSpan parent) {
    return spans.stream().filter(s -> s.parentSpanId().equals(parent.spanId())).toList();
  }

  private ChangeFeedPage page(long after, int limit) throws Exception {
    HttpApi.Response response = api.get("/products/changes?after=" + after + "&limit=" + limit);
    ChangeFeedPage.Builder page = ChangeFeedPage.newBuilder();
    JsonFormat.parser().ignoringUnknownFields().merge(response.body(), page);
    return page.build();
  }

  private ChangeEvent eventOf(String productId, long after) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      var found =
          page(after, 1000).getEventsList().stream()
              .filter(e -> e.getProductId().equals(productId))
              .findFirst();
      if (found.isPresent()) {
        return found.get();
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no change event for " + productId + " in the feed");
  }

  private static OtlpReceiver start() {
    try {
      return OtlpReceiver.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
