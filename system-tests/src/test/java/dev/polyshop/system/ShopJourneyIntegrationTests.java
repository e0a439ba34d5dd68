package dev.polyshop.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyshop.system.testing.Http;
import dev.polyshop.system.testing.PolyshopSystem;
import dev.polyshop.system.testing.ShopHarness;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.testcontainers.containers.GenericContainer;

/** A client's journeys through the gateway of the whole shop in containers. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ShopJourneyIntegrationTests extends ShopHarness {

  @Test
  @Order(1)
  void createdProduct_isSearchableWithinTwoSeconds_andItsPriceDropReachesSubscriber()
      throws Exception {
    String word = "zq" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    var created = http.createProduct("SKU-" + word, "Lamp " + word, 4999, "key-" + word);
    assertThat(created.statusCode()).isEqualTo(201);
    String id = Http.id(created.body());

    long start = System.nanoTime();
    awaitSearchable(word, id, Duration.ofSeconds(2));
    System.out.printf("searchable after %d ms%n", millisSince(start));

    try (var events = subscribe("deals,product." + id, null)) {
      var patched = http.patchPrice(id, "\"1\"", 2999);
      assertThat(patched.statusCode()).isEqualTo(200);
      assertThat(events.take("price.dropped", 1, Duration.ofSeconds(10))).hasSize(1);
    }
  }

  @Test
  @Order(2)
  void staleEtag_isRefusedWith412Problem() throws Exception {
    String id = created("Stale", 1000);
    assertThat(http.patchPrice(id, "\"1\"", 900).statusCode()).isEqualTo(200);

    var stale = http.patchPrice(id, "\"1\"", 800);
    assertThat(stale.statusCode()).isEqualTo(412);
    assertThat(stale.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
  }

  @Test
  @Order(3)
  void concurrentPostsWithOneIdempotencyKey_createOneProduct() throws Exception {
    String sku = sku();
    String key = UUID.randomUUID().toString();
    List<Callable<HttpResponse<String>>> posts = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      posts.add(() -> http.createProduct(sku, "Once", 1500, key));
    }
    List<String> ids = new ArrayList<>();
    try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (var future : pool.invokeAll(posts)) {
        var response = future.get();
        // A POST racing the first one may be told to retry (409); none may create a second product.
        if (response.statusCode() / 100 == 2) {
          ids.add(Http.id(response.body()));
        } else {
          assertThat(response.statusCode()).isEqualTo(409);
        }
      }
    }
    assertThat(ids).isNotEmpty();
    assertThat(ids).containsOnly(ids.getFirst());
  }

  @Test
  @Order(4)
  void searches_reachBothReplicas() throws Exception {
    for (int i = 0; i < 20; i++) {
      assertThat(http.get("/api/search?q=lamp").statusCode()).isEqualTo(200);
    }
    for (GenericContainer<?> replica : system.search) {
      assertThat(handledSearches(replica)).as(replica.getNetworkAliases().toString()).isPositive();
    }
  }

  @Test
  @Order(5)
  void images_runAsNonRoot_withTheHeapSizedFromTheContainerMemoryLimit() throws Exception {
    for (GenericContainer<?> service :
        List.of(system.gateway, system.product, system.search.getFirst(), system.push.getFirst())) {
      var inspected =
          service.getDockerClient().inspectContainerCmd(service.getContainerId()).exec();
      assertThat(inspected.getConfig().getUser())
          .as(service.getDockerImageName())
          .isEqualTo("10001:10001");
    }
    // -XX:MaxRAMPercentage=75 of the 768 MiB limit, read from the JVMs' own metrics.
    long limit = PolyshopSystem.MEMORY_LIMIT_BYTES;
    assertThat(metric(system.search.getFirst(), 9191, HEAP_MAX))
        .isBetween(0.70 * limit, 0.76 * limit);
    assertThat(metric(system.push.getFirst(), 9192, HEAP_MAX))
        .isBetween(0.70 * limit, 0.76 * limit);
  }
}
