package dev.polyshop.product.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyshop.product.testing.HttpApi;
import dev.polyshop.product.testing.ProductBodies;
import dev.polyshop.product.testing.ProductServiceHarness;
import dev.polyshop.testing.RandomInput;
import dev.polyshop.testing.RawHttp;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Thousands of random hostile requests over real sockets: none may get a 5xx, every error is a
 * parsable problem+json, no write succeeds and the catalog is byte-for-byte what it was. The seed
 * is printed; {@code -Dpolyshop.fuzz.seed=<seed>} repeats a run, {@code -Dpolyshop.fuzz.requests}
 * sets its size.
 */
@ProductServiceHarness
class FuzzIntegrationTests {

  private static final long DEFAULT_SEED = 6913354574861L;

  private static final int CONNECTIONS = 4;

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;

  @Test
  void randomBadInput_neverFailsTheServer_andChangesNothing() throws Exception {
    // A fixed default keeps CI repeatable (a random one there once failed an unrelated change on a
    // new finding); explore other inputs with -Dpolyshop.fuzz.seed=<any number>.
    long seed = Long.getLong("polyshop.fuzz.seed", DEFAULT_SEED);
    int requests = Integer.getInteger("polyshop.fuzz.requests", 10_000);
    System.out.printf("Fuzzing product-service with %d requests, seed %d%n", requests, seed);
    HttpApi api = new HttpApi(port);
    String sku = ProductBodies.uniqueSku("FUZZ");
    HttpApi.Response created =
        api.send("POST", "/products", "application/json", ProductBodies.body(sku));
    String id = created.json().get("id").asString();
    var fuzzer = new ProductRequestFuzzer(id, sku, created.header("ETag"));
    String before = catalog();

    List<String> failures = run(seed, requests, fuzzer);

    assertThat(failures).as("seed %d", seed).isEmpty();
    assertThat(catalog()).as("catalog after fuzzing with seed %d", seed).isEqualTo(before);
  }

  private List<String> run(long seed, int requests, ProductRequestFuzzer fuzzer)
      throws InterruptedException {
    var failures = new ConcurrentLinkedQueue<String>();
    try (ExecutorService pool = Executors.newFixedThreadPool(CONNECTIONS)) {
      IntStream.range(0, requests)
          .forEach(
              index ->
                  pool.execute(
                      () -> {
                        if (failures.size() < 20) {
                          check(index, fuzzer.next(RandomInput.forRequest(seed, index)), failures);
                        }
                      }));
      pool.shutdown();
      assertThat(pool.awaitTermination(5, TimeUnit.MINUTES)).isTrue();
    }
    return List.copyOf(failures);
  }

  private void check(
      int index, ProductRequestFuzzer.Fuzzed request, ConcurrentLinkedQueue<String> failures) {
    String problem = problemWith(request);
    if (problem != null) {
      failures.add(
          "#" + index + " " + problem + "\n  request: " + RandomInput.escape(request.bytes()));
    }
  }

  /** What is wrong with the answer to {@code request}, or null if nothing. */
  private String problemWith(ProductRequestFuzzer.Fuzzed request) {
    RawHttp.Response response;
    try {
      response = RawHttp.exchange(port, request.bytes());
    } catch (IOException | RuntimeException noAnswer) {
      return "no HTTP answer: " + noAnswer;
    }
    int status = response.status();
    String answer = status + " " + RandomInput.escape(response.body());
    if (status >= 500) {
      return "server error " + answer;
    }
    if (request.write() && status < 400) {
      return "a write succeeded: " + answer;
    }
    if (status < 400) {
      return null;
    }
    String type = response.header("Content-Type");
    if (type == null || !type.startsWith("application/problem+json")) {
      return "not problem+json (" + type + "): " + answer;
    }
    try {
      JsonNode body = HttpApi.JSON.readTree(response.body());
      if (body.path("status").asInt() != status || body.path("title").asString("").isBlank()) {
        return "problem without matching status and a title: " + answer;
      }
    } catch (RuntimeException unparsable) {
      return "unparsable problem: " + answer;
    }
    return null;
  }

  /** Every product row, every feed event and every idempotency key, as text. */
  private String catalog() {
    return jdbc.sql(
            "select (select coalesce(string_agg(p::text, '|' order by p.id), '') from product p)"
                + " || '#' || (select count(*) from change_event)"
                + " || '#' || (select count(*) from idempotency_key)")
        .query(String.class)
        .single();
  }
}
