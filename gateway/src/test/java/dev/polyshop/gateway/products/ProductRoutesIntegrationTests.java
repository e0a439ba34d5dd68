package dev.polyshop.gateway.products;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.Fault;
import dev.polyshop.gateway.testing.GatewayHarness;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

class ProductRoutesIntegrationTests extends GatewayHarness {

  @Test
  void get_isRewrittenToProductService_andPassesUpstreamResponseThrough() {
    upstreams.products.stubFor(
        get(urlPathEqualTo("/products/p7"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withHeader("ETag", "\"v3\"")
                    .withBody("{\"id\":\"p7\"}")));

    client
        .get()
        .uri("/api/products/p7?fields=all")
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .valueEquals("ETag", "\"v3\"")
        .expectBody()
        .json("{\"id\":\"p7\"}");

    upstreams.products.verify(getRequestedFor(urlEqualTo("/products/p7?fields=all")));
  }

  @Test
  void upstreamProblem_passesThroughUnchanged() {
    upstreams.products.stubFor(
        get("/products/missing")
            .willReturn(
                aResponse()
                    .withStatus(404)
                    .withHeader("Content-Type", "application/problem+json")
                    .withBody("{\"title\":\"Product not found\",\"status\":404}")));

    client
        .get()
        .uri("/api/products/missing")
        .exchange()
        .expectStatus()
        .isNotFound()
        .expectBody()
        .jsonPath("$.title")
        .isEqualTo("Product not found");
  }

  @Test
  void get_on503_isRetriedTwice_thenThe503PassesThrough() {
    upstreams.products.stubFor(get("/products/busy").willReturn(aResponse().withStatus(503)));

    client.get().uri("/api/products/busy").exchange().expectStatus().isEqualTo(503);

    assertThat(
            upstreams
                .products
                .countRequestsMatching(anyRequestedFor(urlEqualTo("/products/busy")).build())
                .getCount())
        .isEqualTo(3);
  }

  @Test
  void get_onConnectionReset_isRetriedTwice_thenBadGatewayProblem() {
    upstreams.products.stubFor(
        get("/products/reset").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

    client
        .get()
        .uri("/api/products/reset")
        .exchange()
        .expectStatus()
        .isEqualTo(502)
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON);

    upstreams.products.verify(3, getRequestedFor(urlEqualTo("/products/reset")));
  }

  @Test
  void get_on500_isNotRetried() {
    upstreams.products.stubFor(get("/products/broken").willReturn(aResponse().withStatus(500)));

    client.get().uri("/api/products/broken").exchange().expectStatus().isEqualTo(500);

    upstreams.products.verify(1, getRequestedFor(urlEqualTo("/products/broken")));
  }

  @Test
  void post_on503_isNeverRetried() {
    upstreams.products.stubFor(post("/products").willReturn(aResponse().withStatus(503)));

    client
        .post()
        .uri("/api/products")
        .header("Authorization", "Bearer " + writeToken())
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"name\":\"x\"}")
        .exchange()
        .expectStatus()
        .isEqualTo(503);

    upstreams.products.verify(1, postRequestedFor(urlEqualTo("/products")));
  }

  @Test
  void writes_onConnectionReset_areNeverRetried() {
    upstreams.products.stubFor(
        any(urlPathEqualTo("/products/w1"))
            .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

    for (var method : new String[] {"PUT", "PATCH", "DELETE"}) {
      client
          .method(org.springframework.http.HttpMethod.valueOf(method))
          .uri("/api/products/w1")
          .header("Authorization", "Bearer " + writeToken())
          .exchange()
          .expectStatus()
          .isEqualTo(502);
    }

    upstreams.products.verify(3, anyRequestedFor(urlEqualTo("/products/w1")));
  }

  @Test
  void slowUpstream_isGatewayTimeoutProblem_afterTheOneSecondTimeout_notTheUpstreamsThree() {
    upstreams.products.stubFor(
        get(urlPathEqualTo("/products/slow"))
            .willReturn(aResponse().withStatus(200).withFixedDelay(3_000)));
    client.get().uri("/api/products/slow?warmup").exchange().expectStatus().isEqualTo(504);

    long started = System.nanoTime();
    client
        .get()
        .uri("/api/products/slow")
        .exchange()
        .expectStatus()
        .isEqualTo(504)
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.type")
        .isEqualTo("https://polyshop.dev/problems/upstream-timeout");
    long elapsedMillis = (System.nanoTime() - started) / 1_000_000;

    // The 1 s response timeout, not the 3 s upstream; the margin absorbs a loaded 2-core machine.
    assertThat(elapsedMillis).isBetween(1_000L, 1_600L);
    upstreams.products.verify(1, getRequestedFor(urlEqualTo("/products/slow")));
  }
}
