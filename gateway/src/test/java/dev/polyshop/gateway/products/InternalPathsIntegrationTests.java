package dev.polyshop.gateway.products;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import dev.polyshop.gateway.testing.GatewayHarness;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.MediaType;

/** The change feed is product-service's internal API: the edge never routes it, in any spelling. */
class InternalPathsIntegrationTests extends GatewayHarness {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/api/products/changes",
        "/api/products/changes?after=0&limit=1",
        "/api/products/changes/",
        "/api/products//changes",
        "/api/products/./changes",
        "/api/products/x/../changes",
        "/api/products/%63hanges",
        "/api/products/changes;v=1",
        "/api/products/%2e/changes"
      })
  void changeFeed_isNotRouted_inAnySpelling(String path) {
    upstreams.products.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)));

    client
        .get()
        .uri(URI.create(baseUrl() + path))
        .exchange()
        .expectStatus()
        .isNotFound()
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON);

    upstreams.products.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void productWhoseIdMerelyStartsWithChanges_isStillRouted() {
    upstreams.products.stubFor(
        get("/products/changes-1").willReturn(aResponse().withStatus(200).withBody("{}")));
    // The first proxied call of a fresh context can exceed the tests' 1 s response timeout.
    client.get().uri("/api/products/warmup").exchange();

    client.get().uri("/api/products/changes-1").exchange().expectStatus().isOk();

    upstreams.products.verify(getRequestedFor(urlEqualTo("/products/changes-1")));
  }
}
