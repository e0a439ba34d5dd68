package dev.polyshop.gateway.security;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import dev.polyshop.gateway.testing.GatewayHarness;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

/** Every write route × {no token, wrong scope, expired, valid}: only the last reaches upstream. */
class WriteMatrixIntegrationTests extends GatewayHarness {

  enum Credential {
    NONE(401),
    WRONG_SCOPE(403),
    EXPIRED(401),
    VALID(0);

    final int refusedWith;

    Credential(int refusedWith) {
      this.refusedWith = refusedWith;
    }

    String header() {
      return switch (this) {
        case NONE -> null;
        case WRONG_SCOPE ->
            DevToken.mint(DevToken.DEVELOPMENT_SECRET, "t", "products:read", Duration.ofMinutes(5));
        case EXPIRED ->
            DevToken.mint(DevToken.DEVELOPMENT_SECRET, "t", "products:write", Duration.ofHours(-1));
        case VALID -> writeToken();
      };
    }
  }

  static Stream<Arguments> matrix() {
    var routes =
        Stream.of(
            new String[] {"POST", "/api/products", "/products"},
            new String[] {"POST", "/api/products/p1", "/products/p1"},
            new String[] {"PUT", "/api/products/p1", "/products/p1"},
            new String[] {"PATCH", "/api/products/p1", "/products/p1"},
            new String[] {"DELETE", "/api/products/p1", "/products/p1"},
            new String[] {"PUT", "/api/products", "/products"},
            new String[] {"PATCH", "/api/products", "/products"},
            new String[] {"DELETE", "/api/products", "/products"});
    return routes.flatMap(
        r ->
            Stream.of(Credential.values())
                .map(c -> Arguments.argumentSet(r[0] + " " + r[1] + " " + c, r[0], r[1], r[2], c)));
  }

  @ParameterizedTest
  @MethodSource("matrix")
  void write(String method, String path, String upstreamPath, Credential credential) {
    upstreams.products.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(204)));
    String token = credential.header();

    var result =
        client
            .method(HttpMethod.valueOf(method))
            .uri(path)
            .headers(
                h -> {
                  if (token != null) {
                    h.setBearerAuth(token);
                  }
                })
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{}")
            .exchange()
            .returnResult(String.class);

    if (credential == Credential.VALID) {
      // Forwarded (a cold first proxied call may answer 504 on a slow machine; reaching is the
      // point).
      upstreams.products.verify(
          new RequestPatternBuilder(RequestMethod.fromString(method), urlEqualTo(upstreamPath)));
    } else {
      assertThat(result.getStatus().value()).isEqualTo(credential.refusedWith);
      assertThat(result.getResponseHeaders().getContentType())
          .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
      upstreams.products.verify(0, anyRequestedFor(anyUrl()));
    }
  }
}
