package dev.polyshop.product.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import dev.polyshop.product.testing.HttpApi;
import dev.polyshop.product.testing.ProductServiceHarness;
import dev.polyshop.testing.RawHttp;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Requests Tomcat rejects before Spring sees them (or while decoding what Spring asks for) still
 * get a problem+json answer with the right 4xx, never an HTML page, an empty body or a 500.
 */
@ProductServiceHarness
class ContainerErrorsIntegrationTests {

  @LocalServerPort int port;

  static Stream<Arguments> rejectedRequests() {
    return Stream.of(
        argumentSet("malformed percent-encoding", "/products/%zz", "", 400),
        argumentSet("invalid UTF-8 cursor", "/products?cursor=%FF%FE", "", 400),
        argumentSet("invalid UTF-8 in a query parameter", "/products?category=%C3%28", "", 400),
        argumentSet("truncated percent-encoding in a query", "/products?limit=%2", "", 400),
        argumentSet("invalid UTF-8 in the path", "/products/%FF", "", 400),
        argumentSet("malformed percent-encoding in a path parameter", "/products;a=%G1", "", 400),
        argumentSet(
            "malformed path parameter on an item", "/products/x;r,8l%Gsr9l=Q%gea8", "", 400),
        argumentSet("control character in the URI", "/prod\u0001ucts", "", 400),
        argumentSet("unescaped brace in the URI", "/products/{id}", "", 400),
        argumentSet("URI too long", "/products?category=" + "a".repeat(70_000), "", 414),
        argumentSet(
            "header too large", "/products", "X-Padding: " + "a".repeat(70_000) + "\r\n", 431),
        argumentSet("header with no colon", "/products", "NoColonHere\r\n", 400),
        argumentSet("header with invalid name", "/products", "Bad Name: x\r\n", 400));
  }

  @ParameterizedTest
  @MethodSource("rejectedRequests")
  void rejectedBelowTheApplication_isAProblem(String target, String headers, int status)
      throws Exception {
    RawHttp.Response response = RawHttp.exchange(port, RawHttp.request("GET", target, headers));

    assertThat(response.status()).as(response.text()).isEqualTo(status);
    assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    JsonNode problem = HttpApi.JSON.readTree(response.body());
    assertThat(problem.get("status").asInt()).isEqualTo(status);
    assertThat(problem.get("title").asString()).isNotBlank();
  }

  @Test
  void errorsSpringAnswers_keepTheirOwnProblem() throws Exception {
    RawHttp.Response response =
        RawHttp.exchange(port, RawHttp.request("GET", "/products/not-a-uuid", ""));

    assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    assertThat(response.text()).contains("\"detail\"");
  }
}
