package dev.polyshop.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.testcontainers.containers.GenericContainer;

/** A client's journeys through the gateway of the whole shop in containers. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ShopJourneyIntegrationTests {

  private static final PolyshopSystem system = new PolyshopSystem();
  private static Http http;

  @BeforeAll
  static void startShop() throws Exception {
    system.start();
    http = new Http(system.gatewayUrl(), system.mintToken());
  }

  @AfterAll
  static void stopShop() {
    system.stop();
  }

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
    System.out.printf("searchable after %d ms%n", (System.nanoTime() - start) / 1_000_000);

    BlockingQueue<String> events = subscribe("deals,product." + id);
    Thread.sleep(500); // the stream is open; give the gateway time to open the upstream stream
    var patched = http.patchPrice(id, "\"1\"", 2999);
    assertThat(patched.statusCode()).isEqualTo(200);
    assertThat(awaitLine(events, "event:price.dropped", Duration.ofSeconds(10))).isTrue();
  }

  @Test
  @Order(2)
  void staleEtag_isRefusedWith412Problem() throws Exception {
    String id =
        Http.id(http.createProduct(sku(), "Stale", 1000, UUID.randomUUID().toString()).body());
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
  void searchDown_answers503Fast_productsStillServe_andCatchesUpAfterwards() throws Exception {
    var docker = system.search.getFirst().getDockerClient();
    system.search.forEach(c -> docker.stopContainerCmd(c.getContainerId()).withTimeout(2).exec());

    long start = System.nanoTime();
    var down = http.get("/api/search?q=lamp");
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertThat(down.statusCode()).isEqualTo(503);
    assertThat(down.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(millis).isLessThan(1000);
    assertThat(http.get("/api/products?pageSize=5").statusCode()).isEqualTo(200);

    String word = "zd" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    List<String> written = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      var created =
          http.createProduct(sku(), "Offline " + word, 700 + i, UUID.randomUUID().toString());
      assertThat(created.statusCode()).isEqualTo(201);
      written.add(Http.id(created.body()));
    }

    system.search.forEach(c -> docker.startContainerCmd(c.getContainerId()).exec());
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (true) {
      var found = http.get("/api/search?q=" + word + "&pageSize=20");
      if (found.statusCode() == 200 && written.stream().allMatch(found.body()::contains)) {
        break;
      }
      if (System.nanoTime() > deadline) {
        System.out.println(system.search.getFirst().getLogs());
        throw new AssertionError(
            "not all written while down are searchable; last answer "
                + found.statusCode()
                + " "
                + found.body());
      }
      Thread.sleep(250);
    }
  }

  @Test
  @Order(6)
  void productServiceKilledMidWriteLoop_keepsEveryAcknowledgedWriteExactlyOnce() throws Exception {
    var docker = system.product.getDockerClient();
    Map<Integer, String> acknowledged = new LinkedHashMap<>(); // write number -> id
    List<String> unknown = new ArrayList<>();
    String run = UUID.randomUUID().toString();
    for (int i = 0; i < 40; i++) {
      if (i == 15) {
        docker.killContainerCmd(system.product.getContainerId()).exec();
      }
      String key = run + "-" + i;
      try {
        var created = http.createProduct("SKU-" + key, "Killed " + i, 1000 + i, key);
        if (created.statusCode() == 201 || created.statusCode() == 200) {
          acknowledged.put(i, Http.id(created.body()));
        } else {
          unknown.add(key);
        }
      } catch (java.io.IOException e) {
        unknown.add(key);
      }
    }
    assertThat(unknown).as("writes during the outage fail visibly").isNotEmpty();

    docker.startContainerCmd(system.product.getContainerId()).exec();
    awaitStatus("/api/products?pageSize=1", 200, Duration.ofSeconds(120));

    for (var entry : acknowledged.entrySet()) {
      assertThat(http.get("/api/products/" + entry.getValue()).statusCode()).isEqualTo(200);
      // The same request again answers the same product: it exists once.
      int i = entry.getKey();
      String key = run + "-" + i;
      var again = http.createProduct("SKU-" + key, "Killed " + i, 1000 + i, key);
      assertThat(Http.id(again.body())).isEqualTo(entry.getValue());
    }
  }

  @Test
  @Order(7)
  void postgresRestarted_productServiceRecoversWithoutItsOwnRestart() throws Exception {
    var docker = system.postgres.getDockerClient();
    String productStartedAt = startedAt(system.product);
    docker.stopContainerCmd(system.postgres.getContainerId()).withTimeout(5).exec();
    docker.startContainerCmd(system.postgres.getContainerId()).exec();

    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    String key = UUID.randomUUID().toString();
    while (true) {
      var created = http.createProduct("SKU-" + key, "After pg restart", 1234, key);
      if (created.statusCode() == 201) {
        break;
      }
      assertThat(System.nanoTime())
          .as("writes resume after PostgreSQL restarts")
          .isLessThan(deadline);
      Thread.sleep(500);
    }
    assertThat(startedAt(system.product)).isEqualTo(productStartedAt);
  }

  @Test
  @Order(8)
  void redisStopped_gatewayRateLimitFailsOpen() throws Exception {
    var docker = system.redis.getDockerClient();
    docker.stopContainerCmd(system.redis.getContainerId()).withTimeout(1).exec();
    try {
      for (int i = 0; i < 5; i++) {
        assertThat(http.get("/api/products?pageSize=1").statusCode()).isEqualTo(200);
        assertThat(http.get("/api/search?q=lamp").statusCode()).isEqualTo(200);
      }
    } finally {
      docker.startContainerCmd(system.redis.getContainerId()).exec();
    }
  }

  private static String startedAt(GenericContainer<?> container) {
    return container
        .getDockerClient()
        .inspectContainerCmd(container.getContainerId())
        .exec()
        .getState()
        .getStartedAt();
  }

  private static void awaitStatus(String path, int status, Duration within) throws Exception {
    long deadline = System.nanoTime() + within.toNanos();
    while (true) {
      try {
        if (http.get(path).statusCode() == status) {
          return;
        }
      } catch (java.io.IOException retry) {
        // not there yet
      }
      assertThat(System.nanoTime()).as(path + " answers " + status).isLessThan(deadline);
      Thread.sleep(250);
    }
  }

  private static void awaitSearchable(String word, String id, Duration within) throws Exception {
    long deadline = System.nanoTime() + within.toNanos();
    while (true) {
      var found = http.get("/api/search?q=" + word);
      if (found.statusCode() == 200 && found.body().contains(id)) {
        return;
      }
      assertThat(System.nanoTime()).as("searchable within " + within).isLessThan(deadline);
      Thread.sleep(100);
    }
  }

  private static BlockingQueue<String> subscribe(String topics) throws Exception {
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    var request =
        HttpRequest.newBuilder(URI.create(system.gatewayUrl() + "/api/events?topics=" + topics))
            .header("Accept", "text/event-stream")
            .build();
    var response = http.client.send(request, HttpResponse.BodyHandlers.ofLines());
    assertThat(response.statusCode()).isEqualTo(200);
    Thread.ofVirtual()
        .start(
            () -> {
              try {
                response.body().forEach(lines::add);
              } catch (java.io.UncheckedIOException closedAtShutdown) {
                // the shop stops under the open stream
              }
            });
    return lines;
  }

  private static boolean awaitLine(BlockingQueue<String> lines, String wanted, Duration within)
      throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    for (long left = within.toNanos(); left > 0; left = deadline - System.nanoTime()) {
      String line = lines.poll(left, TimeUnit.NANOSECONDS);
      if (line != null) {
        System.out.println("sse< " + line);
        if (line.replace(" ", "").equals(wanted)) {
          return true;
        }
      }
    }
    return false;
  }

  private static final Pattern SEARCH_HANDLED =
      Pattern.compile(
          "^grpc_server_handled_total\\{[^}]*grpc_method=\"Search\"[^}]*\\} ([0-9.eE+]+)$",
          Pattern.MULTILINE);

  private static double handledSearches(GenericContainer<?> replica) throws Exception {
    var metrics =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            "http://"
                                + replica.getHost()
                                + ":"
                                + replica.getMappedPort(9191)
                                + "/metrics"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    double sum = 0;
    Matcher m = SEARCH_HANDLED.matcher(metrics.body());
    while (m.find()) {
      sum += Double.parseDouble(m.group(1));
    }
    return sum;
  }

  private static String sku() {
    return "SKU-" + UUID.randomUUID();
  }
}
