package dev.polyshop.product.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyshop.product.testing.HttpApi;
import dev.polyshop.product.testing.ProductBodies;
import dev.polyshop.product.testing.ProductServiceHarness;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

@ProductServiceHarness
class PaginationIntegrationTests {

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired ProductService products;
  HttpApi api;

  @BeforeEach
  void setUp() {
    api = new HttpApi(port);
  }

  @Test
  void iteratingAllPages_whileProductsAreWritten_yieldsEveryExistingProductExactlyOnce()
      throws Exception {
    List<ProductData> existing = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      existing.add(ProductValidator.validate(input(ProductBodies.uniqueSku("PAGE"))));
    }
    products.createMissing(existing);
    Set<String> before =
        new HashSet<>(jdbc.sql("select id::text from product").query(String.class).list());
    AtomicBoolean iterating = new AtomicBoolean(true);
    AtomicInteger written = new AtomicInteger();
    List<String> seen = new ArrayList<>();

    try (ExecutorService writers = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int w = 0; w < 4; w++) {
        writers.submit(
            () -> {
              while (iterating.get()) {
                api.send(
                    "POST",
                    "/products",
                    "application/json",
                    ProductBodies.body(ProductBodies.uniqueSku("PAGEW")));
                written.incrementAndGet();
              }
              return null;
            });
      }
      String cursor = null;
      do {
        String query = "/products?limit=25" + (cursor == null ? "" : "&cursor=" + encode(cursor));
        HttpApi.Response page = api.get(query);
        assertThat(page.status()).isEqualTo(200);
        JsonNode body = page.json();
        body.get("items").forEach(item -> seen.add(item.get("id").asString()));
        cursor = body.get("nextCursor").isNull() ? null : body.get("nextCursor").asString();
      } while (cursor != null);
      iterating.set(false);
    }

    assertThat(written.get()).as("writes that raced the iteration").isPositive();
    assertThat(seen).doesNotHaveDuplicates();
    assertThat(seen).containsAll(before);
  }

  @Test
  void list_byCategory_returnsOnlyThatCategoryWithTheDefaultPageSize() {
    String category = "cat-" + ProductBodies.uniqueSku("C").toLowerCase();
    List<ProductData> inCategory = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      ProductInput input = input(ProductBodies.uniqueSku("CAT"));
      inCategory.add(
          ProductValidator.validate(
              new ProductInput(
                  input.sku(),
                  input.name(),
                  input.description(),
                  category,
                  input.brand(),
                  input.price(),
                  input.stock(),
                  input.attributes())));
    }
    products.createMissing(inCategory);

    JsonNode first = api.get("/products?category=" + category).json();
    JsonNode second =
        api.get(
                "/products?category="
                    + category
                    + "&cursor="
                    + encode(first.get("nextCursor").asString()))
            .json();

    assertThat(first.get("items").size()).isEqualTo(ProductController.DEFAULT_LIMIT);
    assertThat(second.get("items").size()).isEqualTo(5);
    assertThat(second.get("nextCursor").isNull()).isTrue();
    assertThat(first.get("items").valueStream().map(item -> item.get("category").asString()))
        .containsOnly(category);
  }

  private static ProductInput input(String sku) {
    return new ProductInput(
        sku, "Paged product", "", "paging", "Acme", new ProductInput.Price(100L, "USD"), 1L, null);
  }

  private static String encode(String cursor) {
    return URLEncoder.encode(cursor, StandardCharsets.UTF_8);
  }
}
