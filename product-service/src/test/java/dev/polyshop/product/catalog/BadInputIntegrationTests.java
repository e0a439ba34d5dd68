package dev.polyshop.product.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import dev.polyshop.product.testing.HttpApi;
import dev.polyshop.product.testing.ProductBodies;
import dev.polyshop.product.testing.ProductServiceHarness;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Every endpoint, fed bad input: each answer is the right status as RFC 9457 problem+json, names
 * the bad field where there is one, leaks no internals, and leaves the database untouched.
 */
@ProductServiceHarness
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputIntegrationTests {

  private static final String JSON = "application/json";
  private static final String MERGE = "application/merge-patch+json";

  /** One bad request; {@code {id}} in the path is the fixture product's id. */
  record BadRequest(
      String method,
      String path,
      String contentType,
      String body,
      List<String> headers,
      int status,
      String field) {

    static BadRequest of(String method, String path, String type, String body, int status) {
      return new BadRequest(method, path, type, body, List.of(), status, null);
    }

    BadRequest field(String name) {
      return new BadRequest(method, path, contentType, body, headers, status, name);
    }

    BadRequest headers(String... nameValues) {
      return new BadRequest(method, path, contentType, body, List.of(nameValues), status, field);
    }
  }

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  HttpApi api;
  String fixtureId;
  String fixtureSku;
  String otherSku;

  @BeforeAll
  void createFixtures() {
    api = new HttpApi(port);
    fixtureSku = ProductBodies.uniqueSku("FIX");
    otherSku = ProductBodies.uniqueSku("FIX");
    fixtureId =
        api.send("POST", "/products", JSON, ProductBodies.body(fixtureSku))
            .json()
            .get("id")
            .asString();
    api.send("POST", "/products", JSON, ProductBodies.body(otherSku));
  }

  static Stream<Arguments> badRequests() {
    return Stream.of(
        argumentSet(
            "POST malformed JSON", BadRequest.of("POST", "/products", JSON, "{\"sku\": ", 400)),
        argumentSet(
            "POST trailing garbage", BadRequest.of("POST", "/products", JSON, valid() + " x", 400)),
        argumentSet("POST array body", BadRequest.of("POST", "/products", JSON, "[]", 400)),
        argumentSet("POST empty body", BadRequest.of("POST", "/products", JSON, "", 400)),
        argumentSet("POST unknown field", post(with("colour", "red"), 400).field("colour")),
        argumentSet(
            "POST read-only id",
            post(with("id", "6d9f7a4e-0000-4000-8000-000000000000"), 400).field("id")),
        argumentSet("POST read-only version", post(with("version", 3), 400).field("version")),
        argumentSet(
            "POST read-only createdAt",
            post(with("createdAt", "2020-01-01T00:00:00Z"), 400).field("createdAt")),
        argumentSet(
            "POST unknown nested field",
            post(with("price", Map.of("amountMinor", 1, "currency", "EUR", "tax", 1)), 400)
                .field("price.tax")),
        argumentSet(
            "POST negative price",
            post(with("price", Map.of("amountMinor", -1, "currency", "EUR")), 400)
                .field("price.amountMinor")),
        argumentSet(
            "POST fractional price",
            post(with("price", Map.of("amountMinor", 12.5, "currency", "EUR")), 400)
                .field("price.amountMinor")),
        argumentSet(
            "POST unknown currency",
            post(with("price", Map.of("amountMinor", 1, "currency", "XQZ")), 400)
                .field("price.currency")),
        argumentSet(
            "POST lower-case currency",
            post(with("price", Map.of("amountMinor", 1, "currency", "eur")), 400)
                .field("price.currency")),
        argumentSet("POST negative stock", post(with("stock", -1), 400).field("stock")),
        argumentSet("POST stock as text", post(with("stock", "many"), 400).field("stock")),
        argumentSet("POST missing sku", post(without("sku"), 400).field("sku")),
        argumentSet("POST sku with spaces", post(with("sku", "A B"), 400).field("sku")),
        argumentSet("POST sku too long", post(with("sku", "S".repeat(65)), 400).field("sku")),
        argumentSet("POST empty name", post(with("name", ""), 400).field("name")),
        argumentSet("POST name too long", post(with("name", "n".repeat(201)), 400).field("name")),
        argumentSet(
            "POST description too long",
            post(with("description", "d".repeat(4001)), 400).field("description")),
        argumentSet(
            "POST category too long",
            post(with("category", "c".repeat(65)), 400).field("category")),
        argumentSet("POST brand missing", post(without("brand"), 400).field("brand")),
        argumentSet(
            "POST too many attributes",
            post(with("attributes", attributes(33)), 400).field("attributes")),
        argumentSet(
            "POST attribute value too long",
            post(with("attributes", Map.of("k", "v".repeat(257))), 400).field("attributes.k")),
        argumentSet(
            "POST attribute key too long",
            post(with("attributes", Map.of("k".repeat(65), "v")), 400)
                .field("attributes." + "k".repeat(65))),
        argumentSet(
            "POST attribute value object",
            post(with("attributes", Map.of("k", Map.of())), 400).field("attributes.k")),
        argumentSet(
            "POST text/plain", BadRequest.of("POST", "/products", "text/plain", valid(), 415)),
        argumentSet("POST no content type", BadRequest.of("POST", "/products", null, valid(), 415)),
        argumentSet(
            "POST body over 1 MiB", BadRequest.of("POST", "/products", JSON, oversized(), 413)),
        argumentSet(
            "POST duplicate sku", BadRequest.of("POST", "/products", JSON, "{fixtureSku}", 409)),
        argumentSet(
            "POST bad Idempotency-Key",
            post(valid(), 400)
                .headers("Idempotency-Key", "k".repeat(256))
                .field("Idempotency-Key")),
        argumentSet(
            "PUT without If-Match",
            BadRequest.of("PUT", "/products/{id}", JSON, "{fixtureSku}", 428)),
        argumentSet(
            "PUT If-Match *",
            BadRequest.of("PUT", "/products/{id}", JSON, "{fixtureSku}", 428)
                .headers("If-Match", "*")),
        argumentSet(
            "PUT stale If-Match",
            BadRequest.of("PUT", "/products/{id}", JSON, "{fixtureSku}", 412)
                .headers("If-Match", "\"99\"")),
        argumentSet(
            "PUT weak If-Match",
            BadRequest.of("PUT", "/products/{id}", JSON, "{fixtureSku}", 412)
                .headers("If-Match", "W/\"1\"")),
        argumentSet(
            "PUT invalid body",
            BadRequest.of("PUT", "/products/{id}", JSON, with("stock", -5), 400)
                .headers("If-Match", "\"1\"")
                .field("stock")),
        argumentSet(
            "PUT read-only field",
            BadRequest.of(
                    "PUT", "/products/{id}", JSON, with("updatedAt", "2020-01-01T00:00:00Z"), 400)
                .headers("If-Match", "\"1\"")
                .field("updatedAt")),
        argumentSet(
            "PUT another product's sku",
            BadRequest.of("PUT", "/products/{id}", JSON, "{otherSku}", 409)
                .headers("If-Match", "\"1\"")),
        argumentSet(
            "PUT unknown id",
            BadRequest.of(
                    "PUT", "/products/6d9f7a4e-0000-4000-8000-000000000000", JSON, valid(), 404)
                .headers("If-Match", "\"1\"")),
        argumentSet(
            "PUT merge-patch type",
            BadRequest.of("PUT", "/products/{id}", MERGE, valid(), 415)
                .headers("If-Match", "\"1\"")),
        argumentSet(
            "PATCH application/json",
            BadRequest.of("PATCH", "/products/{id}", JSON, "{\"stock\": 1}", 415)
                .headers("If-Match", "\"1\"")),
        argumentSet(
            "PATCH without If-Match",
            BadRequest.of("PATCH", "/products/{id}", MERGE, "{\"stock\": 1}", 428)),
        argumentSet(
            "PATCH stale If-Match",
            BadRequest.of("PATCH", "/products/{id}", MERGE, "{\"stock\": 1}", 412)
                .headers("If-Match", "\"2\"")),
        argumentSet(
            "PATCH negative price",
            BadRequest.of(
                    "PATCH", "/products/{id}", MERGE, "{\"price\": {\"amountMinor\": -5}}", 400)
                .headers("If-Match", "\"1\"")
                .field("price.amountMinor")),
        argumentSet(
            "PATCH read-only version",
            BadRequest.of("PATCH", "/products/{id}", MERGE, "{\"version\": 7}", 400)
                .headers("If-Match", "\"1\"")
                .field("version")),
        argumentSet(
            "PATCH unknown field",
            BadRequest.of("PATCH", "/products/{id}", MERGE, "{\"colour\": \"red\"}", 400)
                .headers("If-Match", "\"1\"")
                .field("colour")),
        argumentSet(
            "PATCH removing required stock",
            BadRequest.of("PATCH", "/products/{id}", MERGE, "{\"stock\": null}", 400)
                .headers("If-Match", "\"1\"")
                .field("stock")),
        argumentSet(
            "PATCH non-object",
            BadRequest.of("PATCH", "/products/{id}", MERGE, "[1]", 400)
                .headers("If-Match", "\"1\"")),
        argumentSet(
            "PATCH malformed",
            BadRequest.of("PATCH", "/products/{id}", MERGE, "{", 400).headers("If-Match", "\"1\"")),
        argumentSet(
            "DELETE without If-Match", BadRequest.of("DELETE", "/products/{id}", null, null, 428)),
        argumentSet(
            "DELETE stale If-Match",
            BadRequest.of("DELETE", "/products/{id}", null, null, 412)
                .headers("If-Match", "\"5\"")),
        argumentSet(
            "DELETE unknown id",
            BadRequest.of(
                    "DELETE", "/products/6d9f7a4e-0000-4000-8000-000000000000", null, null, 404)
                .headers("If-Match", "\"1\"")),
        argumentSet("DELETE collection", BadRequest.of("DELETE", "/products", null, null, 405)),
        argumentSet(
            "GET id that is no UUID",
            BadRequest.of("GET", "/products/not-a-uuid", null, null, 404)),
        argumentSet(
            "GET limit over 100",
            BadRequest.of("GET", "/products?limit=101", null, null, 400).field("limit")),
        argumentSet(
            "GET limit zero",
            BadRequest.of("GET", "/products?limit=0", null, null, 400).field("limit")),
        argumentSet(
            "GET limit not a number",
            BadRequest.of("GET", "/products?limit=ten", null, null, 400).field("limit")),
        argumentSet(
            "GET bad cursor",
            BadRequest.of("GET", "/products?cursor=bm90LWEtY3Vyc29y", null, null, 400)
                .field("cursor")),
        argumentSet(
            "GET cursor not base64",
            BadRequest.of("GET", "/products?cursor=%24%24%24", null, null, 400).field("cursor")),
        argumentSet(
            "GET feed negative after",
            BadRequest.of("GET", "/products/changes?after=-1", null, null, 400).field("after")),
        argumentSet(
            "GET feed limit over 1000",
            BadRequest.of("GET", "/products/changes?limit=1001", null, null, 400).field("limit")),
        argumentSet(
            "GET feed wait over 30",
            BadRequest.of("GET", "/products/changes?wait=31", null, null, 400).field("wait")),
        argumentSet(
            "GET feed wait not a number",
            BadRequest.of("GET", "/products/changes?wait=soon", null, null, 400).field("wait")),
        argumentSet(
            "GET category with NUL",
            BadRequest.of("GET", "/products?category=a%00b", null, null, 400).field("category")),
        argumentSet(
            "GET cursor not UTF-8",
            BadRequest.of("GET", "/products?cursor=%FF%FE", null, null, 400).field("cursor")),
        argumentSet("POST name with NUL", post(with("name", "a\u0000b"), 400).field("name")),
        argumentSet(
            "POST attribute with NUL",
            post(with("attributes", Map.of("k", "\u0000")), 400).field("attributes.k")),
        argumentSet(
            "PUT form body",
            BadRequest.of(
                    "PUT", "/products/{id}", "application/x-www-form-urlencoded", "a=%zz", 415)
                .headers("If-Match", "\"1\"")),
        argumentSet("TRACE", BadRequest.of("TRACE", "/products", null, null, 405)),
        argumentSet(
            "GET unterminated quote in Accept",
            BadRequest.of("GET", "/products?limit=0", null, null, 406)
                .headers("Accept", "\"a:^/x")),
        argumentSet(
            "POST unterminated quote in Content-Type",
            BadRequest.of("POST", "/products", "\"a:^/x", valid(), 415)),
        argumentSet("GET unknown path", BadRequest.of("GET", "/nothing-here", null, null, 404)));
  }

  @ParameterizedTest
  @MethodSource("badRequests")
  void badInput_getsAProblemAndChangesNothing(BadRequest bad) {
    String fixtureBefore = api.get("/products/" + fixtureId).body();
    long products = count("product");
    long events = count("change_event");

    HttpApi.Response response =
        api.send(
            bad.method(),
            bad.path().replace("{id}", fixtureId),
            bad.contentType(),
            resolve(bad.body()),
            bad.headers().toArray(String[]::new));

    assertThat(response.status()).as(response.body()).isEqualTo(bad.status());
    assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    JsonNode problem = response.json();
    assertThat(problem.get("status").asInt()).isEqualTo(bad.status());
    assertThat(problem.get("title").asString()).isNotBlank();
    if (bad.field() != null) {
      assertThat(problem.get("errors").valueStream().map(e -> e.get("field").asString()))
          .contains(bad.field());
    }
    assertThat(response.body())
        .doesNotContain(
            "Exception",
            "\tat ",
            "java.",
            "org.springframework",
            "tools.jackson",
            "org.postgresql",
            "trace");
    assertThat(count("product")).isEqualTo(products);
    assertThat(count("change_event")).isEqualTo(events);
    assertThat(api.get("/products/" + fixtureId).body()).isEqualTo(fixtureBefore);
  }

  @Test
  void oversizedChunkedBody_withNoContentLength_gets413AndChangesNothing() {
    long products = count("product");
    byte[] body = oversized().getBytes(StandardCharsets.UTF_8);

    HttpApi.Response response = api.sendChunked("POST", "/products", JSON, body);

    assertThat(response.status()).isEqualTo(413);
    assertThat(response.header("Content-Type")).startsWith("application/problem+json");
    assertThat(response.json().get("type").asString()).endsWith("/problems/payload-too-large");
    assertThat(count("product")).isEqualTo(products);
  }

  private String resolve(String body) {
    if (body == null) {
      return null;
    }
    return switch (body) {
      case "{fixtureSku}" -> ProductBodies.body(fixtureSku);
      case "{otherSku}" -> ProductBodies.body(otherSku);
      default -> body;
    };
  }

  private long count(String table) {
    return jdbc.sql("select count(*) from " + table).query(Long.class).single();
  }

  private static BadRequest post(String body, int status) {
    return BadRequest.of("POST", "/products", JSON, body, status);
  }

  private static String valid() {
    return ProductBodies.body(ProductBodies.uniqueSku("BAD"));
  }

  private static String with(String field, Object value) {
    return edited(fields -> fields.put(field, value));
  }

  private static String without(String field) {
    return edited(fields -> fields.remove(field));
  }

  private static String edited(Consumer<Map<String, Object>> edit) {
    Map<String, Object> fields =
        new HashMap<>(ProductBodies.fields(ProductBodies.uniqueSku("BAD")));
    edit.accept(fields);
    return ProductBodies.json(fields);
  }

  private static Map<String, String> attributes(int count) {
    Map<String, String> attributes = new HashMap<>();
    IntStream.range(0, count).forEach(i -> attributes.put("k" + i, "v"));
    return attributes;
  }

  private static String oversized() {
    return with("description", "d".repeat(1024 * 1024));
  }
}
