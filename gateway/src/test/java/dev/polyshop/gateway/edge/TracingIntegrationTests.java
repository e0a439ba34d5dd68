package dev.polyshop.gateway.edge;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.polyshop.gateway.testing.GatewayHarness;
import dev.polyshop.testing.OtlpReceiver;
import dev.polyshop.testing.OtlpReceiver.ReceivedSpan;
import io.grpc.Metadata;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The gateway's spans, exported over real OTLP/HTTP to a receiver in the test: each request is a
 * SERVER span continuing the caller's trace, and what the gateway calls for it, over HTTP or gRPC,
 * continues from that span.
 */
class TracingIntegrationTests extends GatewayHarness {

  private static final String CALLER_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String CALLER_SPAN = "00f067aa0ba902b7";
  private static final String TRACEPARENT = "00-" + CALLER_TRACE + "-" + CALLER_SPAN + "-01";
  private static final OtlpReceiver receiver = start();

  @DynamicPropertySource
  static void tracing(DynamicPropertyRegistry registry) {
    registry.add("OTEL_EXPORTER_OTLP_ENDPOINT", () -> receiver.endpoint().toString());
  }

  @AfterAll
  static void stop() {
    receiver.close();
  }

  @Test
  void aProxiedProductRead_continuesTheCallersTrace_andProductServiceContinuesTheGateways()
      throws Exception {
    upstreams.products.stubFor(get("/products/p7").willReturn(aResponse().withStatus(200)));

    client
        .get()
        .uri("/api/products/p7")
        .header("traceparent", TRACEPARENT)
        .exchange()
        .expectStatus()
        .isOk();

    ReceivedSpan span = spanNamed("GET products");
    assertThat(span.service()).isEqualTo("gateway");
    assertThat(span.kind()).isEqualTo("SERVER");
    assertThat(span.traceId()).isEqualTo(CALLER_TRACE);
    assertThat(span.parentSpanId()).isEqualTo(CALLER_SPAN);
    assertThat(span.attributes())
        .containsEntry("polyshop.gateway.route", "products")
        .containsEntry("http.response.status_code", "200");
    assertThat(span.name()).doesNotContain("p7");
    upstreams.products.verify(
        getRequestedFor(urlEqualTo("/products/p7"))
            .withHeader(
                "traceparent", equalTo("00-" + CALLER_TRACE + "-" + span.spanId() + "-01")));
  }

  @Test
  void aSearch_sendsTheGatewaysSpan_asTheCallsTraceContext() throws Exception {
    client
        .get()
        .uri("/api/search?q=phone")
        .header("traceparent", TRACEPARENT)
        .exchange()
        .expectStatus()
        .isOk();

    ReceivedSpan span = spanNamed("GET /api/search");
    assertThat(span.attributes()).containsEntry("http.route", "/api/search");
    Metadata headers = upstreams.lastGrpcHeaders.get();
    assertThat(headers.get(Metadata.Key.of("traceparent", Metadata.ASCII_STRING_MARSHALLER)))
        .isEqualTo("00-" + CALLER_TRACE + "-" + span.spanId() + "-01");
  }

  @Test
  void aRequestWithoutTraceContext_startsATrace() throws Exception {
    client.get().uri("/api/ping").exchange().expectStatus().isOk();

    ReceivedSpan span = spanNamed("GET /api/ping");
    assertThat(span.parentSpanId()).isEmpty();
    assertThat(span.traceId()).isNotEqualTo(CALLER_TRACE).hasSize(32);
  }

  private static ReceivedSpan spanNamed(String name) throws InterruptedException {
    List<ReceivedSpan> spans =
        receiver.await(
            got -> got.stream().anyMatch(s -> s.name().equals(name)), Duration.ofSeconds(15));
    return spans.stream().filter(s -> s.name().equals(name)).reduce((a, b) -> b).orElseThrow();
  }

  private static OtlpReceiver start() {
    try {
      return OtlpReceiver.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
