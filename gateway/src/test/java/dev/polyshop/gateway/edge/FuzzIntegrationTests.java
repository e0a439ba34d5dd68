package dev.polyshop.gateway.edge;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;

import dev.polyshop.gateway.testing.GatewayHarness;
import dev.polyshop.testing.RandomInput;
import dev.polyshop.testing.RawHttp;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Random hostile requests at every gateway endpoint over real sockets: no 5xx, every error is a
 * parsable problem+json, and no write without a valid token ever reaches product-service. Prints
 * its seed; {@code -Dpolyshop.fuzz.seed} repeats a run, {@code -Dpolyshop.fuzz.gateway-requests}
 * sizes it.
 */
class FuzzIntegrationTests extends GatewayHarness {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final List<String> PATHS =
      List.of(
          "/api/products",
          "/api/products/6d9f7a4e-0000-4000-8000-000000000000",
          "/api/search",
          "/api/suggest",
          "/api/ping",
          "/actuator/health",
          "/");
  private static final List<String> METHODS =
      List.of("GET", "GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "FOO");
  private static final List<String> PARAMETERS =
      List.of(
          "q",
          "category",
          "brand",
          "minPrice",
          "maxPrice",
          "inStock",
          "sort",
          "pageSize",
          "pageToken",
          "prefix",
          "limit",
          "cursor");
  private static final List<String> HEADERS =
      List.of(
          "Authorization",
          "Content-Type",
          "Accept",
          "If-Match",
          "Idempotency-Key",
          "Origin",
          "X-Request-Id",
          "Cookie",
          "Accept-Encoding",
          "X-Forwarded-For");

  private static final long DEFAULT_SEED = 6913354574861L;

  private static final List<String> UPSTREAM_PROBLEMS =
      List.of(
          "/problems/upstream-timeout\"",
          "/problems/upstream-unavailable\"",
          "/problems/circuit-open\"",
          "/problems/grpc-deadline-exceeded\"",
          "/problems/grpc-unavailable\"");

  @Test
  void randomBadInput_neverFailsTheGateway_andNoWriteGetsThrough() throws Exception {
    // A fixed default keeps CI repeatable (a random one there once failed an unrelated change on a
    // new finding); explore other inputs with -Dpolyshop.fuzz.seed=<any number>.
    long seed = Long.getLong("polyshop.fuzz.seed", DEFAULT_SEED);
    int requests = Integer.getInteger("polyshop.fuzz.gateway-requests", 2_000);
    System.out.printf("Fuzzing the gateway with %d requests, seed %d%n", requests, seed);
    upstreams.products.stubFor(
        any(anyUrl())
            .willReturn(
                aResponse()
                    .withStatus(404)
                    .withHeader("Content-Type", "application/problem+json")
                    .withBody("{\"title\":\"Not Found\",\"status\":404}")));
    var failures = new ConcurrentLinkedQueue<String>();

    try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
      for (int i = 0; i < requests; i++) {
        int index = i;
        pool.execute(
            () -> {
              byte[] request = request(RandomInput.forRequest(seed, index));
              String problem = problemWith(request);
              if (problem != null && failures.size() < 20) {
                failures.add("#" + index + " " + problem + "\n  " + RandomInput.escape(request));
              }
            });
      }
      pool.shutdown();
      assertThat(pool.awaitTermination(5, TimeUnit.MINUTES)).isTrue();
    }

    assertThat(failures).as("seed %d", seed).isEmpty();
    assertThat(upstreams.products.findAll(anyRequestedFor(anyUrl())))
        .as("writes that reached product-service")
        .allSatisfy(r -> assertThat(r.getMethod().value()).isIn("GET", "HEAD", "OPTIONS"));
  }

  private static byte[] request(RandomInput in) {
    String method = in.pick(METHODS);
    ByteArrayOutputStream target = new ByteArrayOutputStream();
    target.writeBytes(in.pick(PATHS).getBytes(StandardCharsets.US_ASCII));
    if (in.chance(0.15)) {
      target.writeBytes(in.uriComponent());
    }
    for (int i = in.nextInt(4); i > 0; i--) {
      target.write(target.toString(StandardCharsets.ISO_8859_1).contains("?") ? '&' : '?');
      target.writeBytes(
          in.chance(0.8)
              ? in.pick(PARAMETERS).getBytes(StandardCharsets.US_ASCII)
              : in.uriComponent());
      target.write('=');
      target.writeBytes(in.uriComponent());
    }
    ByteArrayOutputStream headers = new ByteArrayOutputStream();
    for (int i = in.nextInt(4); i > 0; i--) {
      String name =
          in.chance(0.8) ? in.pick(HEADERS) : in.ascii(in.nextInt(1, 16)).replace(":", "");
      headers.writeBytes((name + ": ").getBytes(StandardCharsets.ISO_8859_1));
      headers.writeBytes(
          name.equals("Authorization") && in.chance(0.5)
              ? ("Bearer " + in.ascii(in.nextInt(1, 200))).getBytes(StandardCharsets.US_ASCII)
              : in.headerValue());
      headers.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    byte[] body = method.equals("GET") && in.chance(0.8) ? null : in.bytes(300);
    return RawHttp.request(method, target.toByteArray(), headers.toByteArray(), body);
  }

  /**
   * Whether a 5xx reports the state of an upstream (slow, failing, breaker open) rather than the
   * input: the shared test context gives upstreams 0.5–1 s, which a loaded machine can exceed.
   */
  private static boolean reportsUpstream(RawHttp.Response response) {
    return UPSTREAM_PROBLEMS.stream().anyMatch(type -> response.text().contains(type));
  }

  /** What is wrong with the answer to {@code request}, or null if nothing. */
  private String problemWith(byte[] request) {
    RawHttp.Response response;
    try {
      response = RawHttp.exchange(port, request);
    } catch (IOException | RuntimeException noAnswer) {
      return "no HTTP answer: " + noAnswer;
    }
    int status = response.status();
    String answer = status + " " + RandomInput.escape(response.body());
    if (status >= 500 && !reportsUpstream(response)) {
      return "server error " + answer;
    }
    if (status < 400) {
      return null;
    }
    String type = response.header("Content-Type");
    if (type == null || !type.startsWith("application/problem+json")) {
      return "not problem+json (" + type + "): " + answer;
    }
    try {
      JsonNode body = JSON.readTree(response.body());
      return body.path("status").asInt() == status ? null : "problem status differs: " + answer;
    } catch (RuntimeException unparsable) {
      return "unparsable problem: " + answer;
    }
  }
}
