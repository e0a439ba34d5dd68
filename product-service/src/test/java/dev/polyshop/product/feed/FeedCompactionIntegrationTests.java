package dev.polyshop.product.feed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyshop.catalog.v1.ChangeEvent;
import dev.polyshop.catalog.v1.ChangeFeedPage;
import dev.polyshop.catalog.v1.Product;
import dev.polyshop.product.testing.HttpApi;
import dev.polyshop.product.testing.ProductBodies;
import dev.polyshop.product.testing.ProductServiceHarness;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@ProductServiceHarness
class FeedCompactionIntegrationTests {

  @LocalServerPort int port;
  @Autowired FeedCompactor compactor;
  @Autowired FeedSequencer sequencer;
  @Autowired JdbcClient jdbc;
  HttpApi api;

  @BeforeEach
  void setUp() {
    api = new HttpApi(port);
  }

  @Test
  void compaction_keepsOnlyTheNewestEventPerProduct_andFromZeroRebuildsTheExactCatalog() {
    String updated = create("KEEP");
    patch(updated, 1, "{\"stock\": 11}");
    patch(updated, 2, "{\"stock\": 12}");
    String deleted = create("GONE");
    assertThat(api.send("DELETE", "/products/" + deleted, null, null, "If-Match", "\"1\"").status())
        .isEqualTo(204);
    sequencer.sequence();

    compactor.compact(Duration.ofDays(7));

    assertThat(events(updated)).containsExactly("UPSERT:3");
    assertThat(events(deleted)).containsExactly("DELETE:1");
    assertThat(rebuildFromZero()).isEqualTo(catalogInDatabase());
  }

  @Test
  void purgedTombstone_sendsOlderCursorsTo410_whileRebuildsFromZeroAndCurrentCursorsContinue() {
    String doomed = create("PURGE");
    sequencer.sequence();
    long beforeDelete = head();
    api.send("DELETE", "/products/" + doomed, null, null, "If-Match", "\"1\"");
    sequencer.sequence();
    long tombstone = head();

    FeedCompactor.Result result = compactor.compact(Duration.ZERO);

    assertThat(result.tombstonesRemoved()).isPositive();
    assertThat(result.purgedThrough()).isGreaterThanOrEqualTo(tombstone);
    HttpApi.Response reset = api.get("/products/changes?after=" + beforeDelete);
    assertThat(reset.status()).isEqualTo(410);
    assertThat(reset.header("Content-Type")).startsWith("application/problem+json");
    assertThat(reset.json().get("type").asString())
        .isEqualTo("https://polyshop.dev/problems/feed-reset");
    assertThat(api.get("/products/changes?after=" + tombstone).status()).isEqualTo(200);
    assertThat(rebuildFromZero()).isEqualTo(catalogInDatabase());
  }

  @Test
  void tombstones_arePurgedAtMostOncePerRetentionPeriod() {
    compactor.compact(Duration.ZERO);
    String deleted = create("KEPT");
    api.send("DELETE", "/products/" + deleted, null, null, "If-Match", "\"1\"");
    sequencer.sequence();

    FeedCompactor.Result result = compactor.compact(Duration.ofHours(1));

    assertThat(result.tombstonesRemoved()).isZero();
    assertThat(events(deleted)).containsExactly("DELETE:1");
  }

  private long head() {
    return FeedConsumer.head(api);
  }

  /** What a new consumer builds from an empty start: id to snapshot. */
  private Map<String, Product> rebuildFromZero() {
    Map<String, Product> catalog = new HashMap<>();
    long after = 0;
    ChangeFeedPage page;
    do {
      page = FeedConsumer.fetch(api, after, 1000, 0);
      for (ChangeEvent event : page.getEventsList()) {
        Product held = catalog.get(event.getProductId());
        if (event.hasDelete()) {
          catalog.remove(event.getProductId());
        } else if (held == null || held.getVersion() < event.getVersion()) {
          catalog.put(event.getProductId(), event.getUpsert());
        }
      }
      after = page.getNextPosition();
    } while (page.getEventsCount() > 0);
    return catalog;
  }

  /** The catalog as the database holds it, in the feed's snapshot form. */
  private Map<String, Product> catalogInDatabase() {
    Map<String, Product> catalog = new HashMap<>();
    String cursor = null;
    do {
      var page =
          api.get("/products?limit=100" + (cursor == null ? "" : "&cursor=" + cursor)).json();
      page.get("items").forEach(item -> catalog.put(item.get("id").asString(), snapshot(item)));
      cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
    } while (cursor != null);
    return catalog;
  }

  private static Product snapshot(tools.jackson.databind.JsonNode item) {
    Product.Builder product =
        Product.newBuilder()
            .setId(item.get("id").asString())
            .setSku(item.get("sku").asString())
            .setName(item.get("name").asString())
            .setDescription(item.get("description").asString())
            .setCategory(item.get("category").asString())
            .setBrand(item.get("brand").asString())
            .setPrice(
                dev.polyshop.catalog.v1.Money.newBuilder()
                    .setAmountMinor(item.get("price").get("amountMinor").asLong())
                    .setCurrencyCode(item.get("price").get("currency").asString()))
            .setStock(item.get("stock").asLong())
            .setCreateTime(timestamp(item.get("createdAt").asString()))
            .setUpdateTime(timestamp(item.get("updatedAt").asString()))
            .setVersion(item.get("version").asLong());
    item.get("attributes")
        .properties()
        .forEach(a -> product.putAttributes(a.getKey(), a.getValue().asString()));
    return product.build();
  }

  private static com.google.protobuf.Timestamp timestamp(String iso) {
    java.time.Instant instant = java.time.Instant.parse(iso);
    return com.google.protobuf.Timestamp.newBuilder()
        .setSeconds(instant.getEpochSecond())
        .setNanos(instant.getNano())
        .build();
  }

  private List<String> events(String productId) {
    return jdbc.sql(
            "select kind || ':' || version from change_event where product_id = :id order by id")
        .param("id", UUID.fromString(productId))
        .query(String.class)
        .list();
  }

  private String create(String prefix) {
    return api.send(
            "POST",
            "/products",
            "application/json",
            ProductBodies.body(ProductBodies.uniqueSku(prefix)))
        .json()
        .get("id")
        .asString();
  }

  private void patch(String id, long version, String patch) {
    assertThat(
            api.send(
                    "PATCH",
                    "/products/" + id,
                    "application/merge-patch+json",
                    patch,
                    "If-Match",
                    "\"" + version + "\"")
                .status())
        .isEqualTo(200);
  }
}
