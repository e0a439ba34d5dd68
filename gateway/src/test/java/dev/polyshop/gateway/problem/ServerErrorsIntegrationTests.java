package dev.polyshop.gateway.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import dev.polyshop.gateway.testing.GatewayHarness;
import dev.polyshop.testing.RawHttp;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Requests that Reactor Netty or WebFlux reject before any gateway code runs still get a
 * problem+json answer with the right 4xx, never an empty body.
 */
class ServerErrorsIntegrationTests extends GatewayHarness {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  static Stream<Arguments> rejectedRequests() {
    return Stream.of(
        argumentSet("malformed percent-encoding", "/api/ping/%zz", "", 400),
        argumentSet("malformed percent-encoding in a query", "/api/search?q=%zz", "", 400),
        argumentSet("invalid UTF-8 in a query parameter", "/api/search?q=%FF%FE", "", 400),
        argumentSet("invalid UTF-8 cursor", "/api/products?cursor=%C3%28", "", 400),
        argumentSet("unescaped brace in the URI", "/api/products/{id}", "", 400),
        argumentSet("control character in the URI", "/api/pi\u0001ng", "", 400),
        argumentSet("URI too long", "/api/search?q=" + "a".repeat(20_000), "", 414),
        argumentSet(
            "header over Netty's hard limit",
            "/api/ping",
            "X-Padding: " + "a".repeat(40_000) + "\r\n",
            431),
        argumentSet("header with no colon", "/api/ping", "NoColonHere\r\n", 400),
        argumentSet("header with invalid name", "/api/ping", "Bad Name: x\r\n", 400),
        argumentSet(
            "unterminated quote in Content-Type",
            "/actuator/health",
            "Content-Type: \"}1H?@uQ-sCF|h9h}/#E.Tf3\r\n",
            400),
        argumentSet("unterminated quote in Accept", "/api/ping", "Accept: \"a:^/x\r\n", 400));
  }

  @ParameterizedTest
  @MethodSource("rejectedRequests")
  void rejectedBelowTheGateway_isAProblem(String target, String headers, int status)
      throws Exception {
    RawHttp.Response response = RawHttp.exchange(port, RawHttp.request("GET", target, headers));

    assertThat(response.status()).as(response.text()).isEqualTo(status);
    assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    JsonNode problem = JSON.readTree(response.body());
    assertThat(problem.get("status").asInt()).isEqualTo(status);
    assertThat(problem.get("title").asString()).isNotBlank();
  }
}
