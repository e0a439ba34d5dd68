package dev.polyshop.gateway.security;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;

import dev.polyshop.gateway.testing.GatewayHarness;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

class WriteAuthIntegrationTests extends GatewayHarness {

  @Test
  void read_needsNoToken() {
    upstreams.products.stubFor(get("/products").willReturn(aResponse().withStatus(200)));

    client.get().uri("/api/products").exchange().expectStatus().isOk();
  }

  @Test
  void write_withoutToken_isUnauthorizedProblem_andNeverForwarded() {
    client
        .post()
        .uri("/api/products")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{}")
        .exchange()
        .expectStatus()
        .isUnauthorized()
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectHeader()
        .valueEquals("WWW-Authenticate", "Bearer")
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo(401);

    upstreams.products.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void write_withExpiredToken_isUnauthorized() {
    String expired =
        DevToken.mint(DevToken.DEVELOPMENT_SECRET, "tester", "products:write", Duration.ofDays(-1));

    client
        .put()
        .uri("/api/products/p1")
        .header("Authorization", "Bearer " + expired)
        .exchange()
        .expectStatus()
        .isUnauthorized()
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON);
  }

  @Test
  void write_withTokenFromAnotherSecret_isUnauthorized() {
    String forged =
        DevToken.mint(
            "someone-elses-secret-that-is-long-enough!!",
            "mallory",
            "products:write",
            Duration.ofMinutes(5));

    client
        .delete()
        .uri("/api/products/p1")
        .header("Authorization", "Bearer " + forged)
        .exchange()
        .expectStatus()
        .isUnauthorized();
  }

  @Test
  void write_withoutWriteScope_isForbiddenProblem() {
    String readOnly =
        DevToken.mint(
            DevToken.DEVELOPMENT_SECRET, "reader", "products:read", Duration.ofMinutes(5));

    client
        .patch()
        .uri("/api/products/p1")
        .header("Authorization", "Bearer " + readOnly)
        .exchange()
        .expectStatus()
        .isForbidden()
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON);

    upstreams.products.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void write_withValidDevToken_isForwarded() {
    upstreams.products.stubFor(post("/products").willReturn(aResponse().withStatus(201)));
    upstreams.products.stubFor(put("/products/p1").willReturn(aResponse().withStatus(200)));

    client
        .post()
        .uri("/api/products")
        .header("Authorization", "Bearer " + writeToken())
        .header("Idempotency-Key", "k-1")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"name\":\"lamp\"}")
        .exchange()
        .expectStatus()
        .isCreated();
    client
        .put()
        .uri("/api/products/p1")
        .header("Authorization", "Bearer " + writeToken())
        .header("If-Match", "\"v1\"")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"name\":\"lamp\"}")
        .exchange()
        .expectStatus()
        .isOk();
  }
}
