package dev.polyshop.gateway.security;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.polyshop.gateway.testing.GatewayHarness;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/**
 * product-service scopes {@code Idempotency-Key}s by {@code Polyshop-Caller}: the gateway sets it
 * from the verified token's subject and never passes on what a client wrote there.
 */
class CallerHeaderIntegrationTests extends GatewayHarness {

  @Test
  void write_carriesTheTokensSubject_notTheCallerTheClientClaims() {
    upstreams.products.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(201)));
    String alice =
        DevToken.mint(
            DevToken.DEVELOPMENT_SECRET, "alice", "products:write", Duration.ofMinutes(5));

    client
        .post()
        .uri("/api/products")
        .header("Authorization", "Bearer " + alice)
        .header("Idempotency-Key", "k-1")
        .header("Polyshop-Caller", "bob")
        .header("polyshop-caller", "carol")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{}")
        .exchange();

    var forwarded = upstreams.products.findAll(postRequestedFor(urlEqualTo("/products")));
    assertThat(forwarded).hasSize(1);
    assertThat(forwarded.getFirst().getHeaders().getHeader("Polyshop-Caller").values())
        .containsExactly("alice");
  }

  @Test
  void requestWithoutToken_carriesNoCaller_evenIfTheClientSendsOne() {
    upstreams.products.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)));
    client.get().uri("/api/products/warmup").exchange(); // a fresh context's first call is slow

    client.get().uri("/api/products/p1").header("Polyshop-Caller", "bob").exchange();

    var forwarded = upstreams.products.findAll(getRequestedFor(urlEqualTo("/products/p1")));
    assertThat(forwarded).isNotEmpty();
    assertThat(forwarded.getFirst().containsHeader("Polyshop-Caller")).isFalse();
  }
}
