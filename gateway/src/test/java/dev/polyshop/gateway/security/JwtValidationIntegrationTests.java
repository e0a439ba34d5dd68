package dev.polyshop.gateway.security;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import com.nimbusds.jose.JWSAlgorithm;
import dev.polyshop.gateway.testing.GatewayHarness;
import java.time.Instant;
import java.util.Date;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.MediaType;

/** Every token that is not exactly right for this gateway is refused before product-service. */
class JwtValidationIntegrationTests extends GatewayHarness {

  /** Minted when the test runs (not when JUnit lists the cases), so the clock cases are exact. */
  static Stream<Arguments> refusedTokens() {
    return Stream.of(
        refused(
            "right scope, another audience",
            () -> WriteTokens.devSigned(c -> c.audience("some-other-api"))),
        refused("no audience", () -> WriteTokens.devSigned(c -> c.audience((String) null))),
        refused(
            "another issuer", () -> WriteTokens.devSigned(c -> c.issuer("https://evil.example"))),
        refused("no exp", () -> WriteTokens.devSigned(c -> c.expirationTime(null))),
        refused("alg=none", WriteTokens::unsigned),
        refused(
            "expired an hour ago", () -> WriteTokens.devSigned(c -> c.expirationTime(ago(3600)))),
        refused(
            "expired 45 s ago (beyond the 30 s clock skew)",
            () -> WriteTokens.devSigned(c -> c.expirationTime(ago(45)))),
        refused(
            "not valid before an hour from now",
            () -> WriteTokens.devSigned(c -> c.notBeforeTime(ago(-3600)))),
        refused(
            "HS512, an algorithm not configured",
            () ->
                WriteTokens.signed(
                    JWSAlgorithm.HS512,
                    DevToken.DEVELOPMENT_SECRET + DevToken.DEVELOPMENT_SECRET,
                    c -> c)));
  }

  private static Arguments refused(String name, Supplier<String> token) {
    return argumentSet(name, token);
  }

  private static Date ago(long seconds) {
    return Date.from(Instant.now().minusSeconds(seconds));
  }

  @ParameterizedTest
  @MethodSource("refusedTokens")
  void write_withRefusedToken_isUnauthorized_andNeverForwarded(Supplier<String> token) {
    upstreams.products.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(201)));

    client
        .post()
        .uri("/api/products")
        .header("Authorization", "Bearer " + token.get())
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{}")
        .exchange()
        .expectStatus()
        .isUnauthorized()
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON);

    upstreams.products.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void write_withTokenThatExpiredWithinTheClockSkew_isForwarded() {
    upstreams.products.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(201)));
    String token = WriteTokens.devSigned(c -> c.expirationTime(ago(5)));

    // Reaching product-service is the point (the status of a cold first proxied call may be 504).
    client
        .post()
        .uri("/api/products")
        .header("Authorization", "Bearer " + token)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{}")
        .exchange();

    upstreams.products.verify(postRequestedFor(urlEqualTo("/products")));
  }
}
