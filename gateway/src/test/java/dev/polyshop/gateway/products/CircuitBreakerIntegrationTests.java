package dev.polyshop.gateway.products;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.Fault;
import dev.polyshop.gateway.testing.GatewayHarness;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class CircuitBreakerIntegrationTests extends GatewayHarness {

  @Test
  void failingUpstream_opensBreaker_whichAnswers503AtOnce_thenRecovers() {
    upstreams.products.stubFor(
        get("/products/flaky").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    for (int i = 0; i < 4; i++) {
      client.get().uri("/api/products/flaky").exchange().expectStatus().isEqualTo(502);
    }
    int upstreamCallsWhenOpened =
        upstreams.products.findAll(getRequestedFor(urlEqualTo("/products/flaky"))).size();

    long started = System.nanoTime();
    client
        .get()
        .uri("/api/products/flaky")
        .exchange()
        .expectStatus()
        .isEqualTo(503)
        .expectBody()
        .jsonPath("$.type")
        .isEqualTo("https://polyshop.dev/problems/circuit-open");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(200));
    assertThat(upstreams.products.findAll(getRequestedFor(urlEqualTo("/products/flaky"))))
        .hasSize(upstreamCallsWhenOpened);

    upstreams.products.stubFor(
        get("/products/flaky").willReturn(aResponse().withStatus(200).withBody("{}")));
    Awaitility.await()
        .atMost(Duration.ofSeconds(5))
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(
            () -> client.get().uri("/api/products/flaky").exchange().expectStatus().isOk());
  }
}
