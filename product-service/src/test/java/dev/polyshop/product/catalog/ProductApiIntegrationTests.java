package dev.polyshop.product.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyshop.product.testing.HttpApi;
import dev.polyshop.product.testing.ProductBodies;
import dev.polyshop.product.testing.ProductServiceHarness;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

@ProductServiceHarness
class ProductApiIntegrationTests {

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  HttpApi api;

  @BeforeEach
  void setUp() {
    api = new HttpApi(port);
  }

  @Test
  void create_returns201WithLocationEtagAndTheStoredProduct() {
    String sku = ProductBodies.uniqueSku("CRUD");

    HttpApi.Response created =
        api.send("POST", "/products", "application/json", ProductBodies.body(sku));

    assertThat(created.status()).isEqualTo(201);
    JsonNode body = created.json();
    assertThat(created.header("Location")).isEqualTo("/products/" + body.get("id").asString());
    assertThat(created.header("ETag")).isEqualTo("\"1\"");
    assertThat(body.get("sku").asString()).isEqualTo(sku);
    assertThat(body.get("price").get("amountMinor").asLong()).isEqualTo(12_999);
    assertThat(body.get("price").get("currency").asString()).isEqualTo("EUR");
    assertThat(body.get("attributes").get("size").asString()).isEqualTo("42");
    assertThat(body.get("version").asLong()).isEqualTo(1);
    assertThat(body.get("createdAt").asString()).isEqualTo(body.get("updatedAt").asString());
    assertThat(eventsFor(body.get("id").asString())).isEqualTo(1);
  }

  @Test
  void get_existingProduct_returnsItWithItsEtag() {
    JsonNode created = create(ProductBodies.uniqueSku("GET"));

    HttpApi.Response fetched = api.get("/products/" + created.get("id").asString());

    assertThat(fetched.status()).isEqualTo(200);
    assertThat(fetched.header("ETag")).isEqualTo("\"1\"");
    assertThat(fetched.json()).isEqualTo(created);
  }

  @Test
  void get_withIfNoneMatch_isNotModifiedWhileTheVersionIsCurrent_thenTheNewVersion() {
    String id = create(ProductBodies.uniqueSku("COND")).get("id").asString();

    HttpApi.Response unchanged = api.get("/products/" + id, "If-None-Match", "\"1\"");
    assertThat(unchanged.status()).isEqualTo(304);
    assertThat(unchanged.header("ETag")).isEqualTo("\"1\"");
    assertThat(unchanged.body()).isEmpty();

    api.send(
        "PATCH",
        "/products/" + id,
        "application/merge-patch+json",
        "{\"stock\":3}",
        "If-Match",
        "\"1\"");
    HttpApi.Response changed = api.get("/products/" + id, "If-None-Match", "\"1\"");
    assertThat(changed.status()).isEqualTo(200);
    assertThat(changed.header("ETag")).isEqualTo("\"2\"");
    assertThat(changed.json().get("stock").asLong()).isEqualTo(3);
  }

  @Test
  void get_unknownId_returnsNotFoundProblem() {
    HttpApi.Response missing = api.get("/products/" + UUID.randomUUID());

    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.header("Content-Type")).startsWith("application/problem+json");
    assertThat(missing.json().get("type").asString()).endsWith("/problems/not-found");
  }

  @Test
  void put_withCurrentEtag_replacesTheProductAndBumpsTheVersion() {
    JsonNode created = create(ProductBodies.uniqueSku("PUT"));
    String id = created.get("id").asString();
    Map<String, Object> replacement = ProductBodies.fields(created.get("sku").asString());
    replacement.put("name", "Trail Runner 3");
    replacement.remove("attributes");

    HttpApi.Response replaced =
        api.send(
            "PUT",
            "/products/" + id,
            "application/json",
            ProductBodies.json(replacement),
            "If-Match",
            "\"1\"");

    assertThat(replaced.status()).isEqualTo(200);
    assertThat(replaced.header("ETag")).isEqualTo("\"2\"");
    assertThat(replaced.json().get("name").asString()).isEqualTo("Trail Runner 3");
    assertThat(replaced.json().get("attributes").isEmpty()).isTrue();
    assertThat(replaced.json().get("createdAt")).isEqualTo(created.get("createdAt"));
    assertThat(eventsFor(id)).isEqualTo(2);
  }

  @Test
  void patch_mergePatch_changesNamedFieldsAndRemovesNulledAttributes() {
    Map<String, Object> fields = ProductBodies.fields(ProductBodies.uniqueSku("PATCH"));
    fields.put("attributes", Map.of("size", "42", "color", "red"));
    JsonNode created =
        api.send("POST", "/products", "application/json", ProductBodies.json(fields)).json();
    String id = created.get("id").asString();

    HttpApi.Response patched =
        api.send(
            "PATCH",
            "/products/" + id,
            "application/merge-patch+json",
            """
            {"stock": 0, "price": {"amountMinor": 9999}, "attributes": {"color": null, "fit": "wide"}}""",
            "If-Match",
            "\"1\"");

    assertThat(patched.status()).isEqualTo(200);
    JsonNode body = patched.json();
    assertThat(body.get("stock").asLong()).isZero();
    assertThat(body.get("price").get("amountMinor").asLong()).isEqualTo(9999);
    assertThat(body.get("price").get("currency").asString()).isEqualTo("EUR");
    assertThat(body.get("attributes").properties())
        .extracting(Map.Entry::getKey)
        .containsExactlyInAnyOrder("size", "fit");
    assertThat(body.get("name")).isEqualTo(created.get("name"));
    assertThat(body.get("version").asLong()).isEqualTo(2);
  }

  @Test
  void delete_withCurrentEtag_removesTheProductAndRecordsATombstone() {
    JsonNode created = create(ProductBodies.uniqueSku("DEL"));
    String id = created.get("id").asString();

    HttpApi.Response deleted =
        api.send("DELETE", "/products/" + id, null, null, "If-Match", "\"1\"");

    assertThat(deleted.status()).isEqualTo(204);
    assertThat(api.get("/products/" + id).status()).isEqualTo(404);
    assertThat(
            jdbc.sql(
                    "select kind from change_event where product_id = :id order by id desc limit 1")
                .param("id", UUID.fromString(id))
                .query(String.class)
                .single())
        .isEqualTo("DELETE");
  }

  private JsonNode create(String sku) {
    HttpApi.Response created =
        api.send("POST", "/products", "application/json", ProductBodies.body(sku));
    assertThat(created.status()).isEqualTo(201);
    return created.json();
  }

  private long eventsFor(String id) {
    return jdbc.sql("select count(*) from change_event where product_id = :id")
        .param("id", UUID.fromString(id))
        .query(Long.class)
        .single();
  }
}
