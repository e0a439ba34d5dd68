package dev.polyshop.product.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyshop.product.testing.HttpApi;
import dev.polyshop.product.testing.ProductBodies;
import dev.polyshop.product.testing.ProductServiceHarness;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@ProductServiceHarness
class ConcurrentUpdateIntegrationTests {

  private static final int WRITERS = 16;

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;

  @Test
  void concurrentPuts_withTheSameEtag_exactlyOneWinsAndTheRestGet412() throws Exception {
    HttpApi api = new HttpApi(port);
    String sku = ProductBodies.uniqueSku("RACE");
    String id =
        api.send("POST", "/products", "application/json", ProductBodies.body(sku))
            .json()
            .get("id")
            .asString();
    CountDownLatch start = new CountDownLatch(1);
    List<Future<HttpApi.Response>> results = new ArrayList<>();

    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < WRITERS; i++) {
        Map<String, Object> fields = ProductBodies.fields(sku);
        fields.put("name", "Writer " + i);
        String body = ProductBodies.json(fields);
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return api.send(
                      "PUT", "/products/" + id, "application/json", body, "If-Match", "\"1\"");
                }));
      }
      start.countDown();
    }

    List<HttpApi.Response> responses = new ArrayList<>();
    for (Future<HttpApi.Response> result : results) {
      responses.add(result.get());
    }
    List<HttpApi.Response> winners = responses.stream().filter(r -> r.status() / 100 == 2).toList();
    assertThat(winners).hasSize(1);
    assertThat(responses).filteredOn(r -> r.status() == 412).hasSize(WRITERS - 1);
    String winnerName = winners.getFirst().json().get("name").asString();
    var stored = api.get("/products/" + id).json();
    assertThat(stored.get("version").asLong()).isEqualTo(2);
    assertThat(stored.get("name").asString()).isEqualTo(winnerName);
    assertThat(
            jdbc.sql("select count(*) from change_event where product_id = :id")
                .param("id", UUID.fromString(id))
                .query(Long.class)
                .single())
        .isEqualTo(2);
  }
}
