package dev.polyshop.gateway.edge;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.polyshop.gateway.testing.GatewayHarness;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

class EdgeBasicsIntegrationTests extends GatewayHarness {

  @Test
  void ping_isAnsweredByTheGatewayItself() {
    client
        .get()
        .uri("/api/ping")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .json("{\"message\":\"pong\"}", true);
  }

  @Test
  void unknownPath_isNotFoundProblemWithoutInternals() {
    var body =
        client
            .get()
            .uri("/api/nothing-here")
            .header("X-Request-Id", "req-404")
            .exchange()
            .expectStatus()
            .isNotFound()
            .expectHeader()
            .contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody()
            .jsonPath("$.status")
            .isEqualTo(404)
            .jsonPath("$.type")
            .isEqualTo("https://polyshop.dev/problems/not-found")
            .jsonPath("$.instance")
            .isEqualTo("/api/nothing-here")
            .jsonPath("$.requestId")
            .isEqualTo("req-404")
            .returnResult()
            .getResponseBodyContent();
    assertThat(new String(body)).doesNotContain("Exception", "trace", "at dev.");
  }

  @Test
  void requestId_isGeneratedWhenAbsent_andEchoed() {
    client
        .get()
        .uri("/api/ping")
        .exchange()
        .expectHeader()
        .value("X-Request-Id", id -> assertThat(id).matches("[0-9a-f-]{36}"));
  }

  @Test
  void requestIdAndTraceparent_areForwardedUpstream_andIdEchoed() {
    upstreams.products.stubFor(get("/products/p1").willReturn(aResponse().withStatus(200)));
    String traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    client
        .get()
        .uri("/api/products/p1")
        .header("X-Request-Id", "req-42")
        .header("traceparent", traceparent)
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .valueEquals("X-Request-Id", "req-42");

    upstreams.products.verify(
        getRequestedFor(urlEqualTo("/products/p1"))
            .withHeader("X-Request-Id", equalTo("req-42"))
            .withHeader("traceparent", equalTo(traceparent)));
  }

  @Test
  void hostileRequestId_isReplaced() {
    client
        .get()
        .uri("/api/ping")
        .header("X-Request-Id", "bad id with spaces")
        .exchange()
        .expectHeader()
        .value("X-Request-Id", id -> assertThat(id).isNotEqualTo("bad id with spaces"));
  }

  /**
   * Reads without credentials skip Spring Security's chain, writes and requests with a token go
   * through it: the headers must be on both kinds of answer, refusals and problems included.
   */
  @Test
  void securityHeaders_areOnEveryKindOfAnswer_withOrWithoutSpringSecurity() {
    List<WebTestClient.ResponseSpec> answers =
        List.of(
            client.get().uri("/api/ping").exchange().expectStatus().isOk(),
            client.get().uri("/api/no-such-thing").exchange().expectStatus().isNotFound(),
            client
                .post()
                .uri("/api/products")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{}")
                .exchange()
                .expectStatus()
                .isUnauthorized(),
            client
                .get()
                .uri("/api/ping")
                .header("Authorization", "Bearer not-a-token")
                .exchange()
                .expectStatus()
                .isUnauthorized());
    for (WebTestClient.ResponseSpec answer : answers) {
      answer
          .expectHeader()
          .valueEquals("X-Content-Type-Options", "nosniff")
          .expectHeader()
          .valueEquals("X-Frame-Options", "DENY")
          .expectHeader()
          .valueEquals("Referrer-Policy", "strict-origin-when-cross-origin")
          .expectHeader()
          .value(
              "Content-Security-Policy",
              csp -> assertThat(csp).contains("default-src 'self'", "frame-ancestors 'none'"));
    }
  }

  @Test
  void corsPreflight_fromStorefrontOrigin_isAllowed_andOtherOriginsAreNot() {
    client
        .options()
        .uri("/api/products")
        .header("Origin", "http://localhost:8080")
        .header("Access-Control-Request-Method", "POST")
        .header("Access-Control-Request-Headers", "authorization,content-type")
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .valueEquals("Access-Control-Allow-Origin", "http://localhost:8080");

    client
        .options()
        .uri("/api/products")
        .header("Origin", "https://evil.example")
        .header("Access-Control-Request-Method", "POST")
        .exchange()
        .expectStatus()
        .isForbidden();
  }

  @Test
  void healthProbes_andPrometheus_areOnTheManagementPort() {
    // This asserts where the endpoints are, not how fast: the first scrape of a JVM loads and
    // compiles the exposition code, and once in CI it outlasted the default 5 s on a busy core.
    var management =
        WebTestClient.bindToServer()
            .baseUrl("http://127.0.0.1:" + managementPort)
            .responseTimeout(Duration.ofSeconds(30))
            .build();
    assertThat(managementPort).isNotEqualTo(port);
    management.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
    management.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
    management
        .get()
        .uri("/actuator/prometheus")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(String.class)
        .value(text -> assertThat(text).contains("jvm_memory_used_bytes"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/actuator",
        "/actuator/health",
        "/actuator/health/readiness",
        "/actuator/prometheus",
        "/actuator/env"
      })
  void managementEndpoints_areNotOnThePublicPort(String path) {
    client.get().uri(path).exchange().expectStatus().isNotFound();
  }

  @Test
  void shippedConfiguration_putsManagementOnItsOwnPort() throws Exception {
    var yaml =
        new YamlPropertySourceLoader()
            .load("application", new ClassPathResource("application.yaml"))
            .getFirst();
    assertThat(yaml.getProperty("management.server.port")).hasToString("9190");
    assertThat(yaml.getProperty("server.port")).hasToString("8080");
  }
}
