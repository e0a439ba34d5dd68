package dev.polyshop.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyshop.search.v1.SearchRequest;
import dev.polyshop.search.v1.SearchServiceGrpc;
import dev.polyshop.search.v1.SuggestRequest;
import dev.polyshop.system.testing.Http;
import dev.polyshop.system.testing.PolyshopSystem;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.StatusRuntimeException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * search-service following product-service, both from their images, with no gateway between: what
 * product-service commits is searchable within a second, and when its database is replaced by an
 * older dump of itself, search rebuilds its index to the restored catalog.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CatalogIntoSearchIntegrationTests {

  private static final Duration VISIBLE_WITHIN = Duration.ofSeconds(1);

  private static final Network network = Network.newNetwork();
  private static final PostgreSQLContainer postgres = PolyshopSystem.postgres(network);
  private static final GenericContainer<?> search =
      PolyshopSystem.searchService(network, "search-service");
  private static final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static GenericContainer<?> product;
  private static ManagedChannel channel;

  @BeforeAll
  static void start() {
    postgres.start();
    product = startProductService("products");
    search.start();
    channel =
        ManagedChannelBuilder.forAddress(search.getHost(), search.getMappedPort(9091))
            .usePlaintext()
            .build();
  }

  @AfterAll
  static void stop() {
    if (channel != null) {
      channel.shutdownNow();
    }
    for (GenericContainer<?> container : List.of(search, product, postgres)) {
      if (container != null) {
        container.stop();
      }
    }
    network.close();
  }

  @Test
  @Order(1)
  void createUpdateDelete_areSearchableWithinOneSecond() throws Exception {
    // The first write after start-up pays for cold code on both sides (990 ms seen): time the next.
    String first = create("Prelude Lamp", 100);
    await(() -> ids("prelude").equals(List.of(first)), "a first write searchable");

    String id = create("Zanzibar Teapot", 4_500);
    Duration createVisible = awaitVisible(() -> ids("zanzibar").equals(List.of(id)));
    assertThat(
            stub()
                .suggest(SuggestRequest.newBuilder().setPrefix("zanz").build())
                .getSuggestions(0)
                .getProductId())
        .isEqualTo(id);

    send("PUT", "/products/" + id, "\"1\"", body("Zanzibar Kettle", 3_900));
    Duration updateVisible =
        awaitVisible(() -> ids("kettle").equals(List.of(id)) && ids("teapot").isEmpty());
    var updated = stub().search(query("zanzibar")).getHits(0).getProduct();
    assertThat(updated.getPrice().getAmountMinor()).isEqualTo(3_900);
    assertThat(updated.getVersion()).isEqualTo(2);

    send("DELETE", "/products/" + id, "\"2\"", null);
    Duration deleteVisible = awaitVisible(() -> ids("zanzibar").isEmpty());

    System.out.printf(
        "visible in search after create %d ms, update %d ms, delete %d ms%n",
        createVisible.toMillis(), updateVisible.toMillis(), deleteVisible.toMillis());
    assertThat(List.of(createVisible, updateVisible, deleteVisible))
        .allSatisfy(took -> assertThat(took).isLessThan(VISIBLE_WITHIN));
  }

  @Test
  @Order(2)
  void productServiceOnARestoredOlderDump_searchRebuildsToTheRestoredCatalog() throws Exception {
    long before = total("");
    String kept = create("Ardent Teapot", 1_000);
    await(() -> ids("ardent").equals(List.of(kept)), "first product searchable");

    product.stop();
    // The dump taken now is the one restored later.
    var dump = postgres.execInContainer("createdb", "-U", "products", "-T", "products", "restored");
    assertThat(dump.getExitCode()).as(dump.getStderr()).isZero();
    product = startProductService("products");
    String lost = create("Bristling Kettle", 1_000);
    create("Bristling Cup", 1_000);
    await(() -> total("bristling") == 2, "products written after the dump searchable");

    product.stop();
    product = startProductService("restored");
    await(() -> total("bristling") == 0, "products the restored database lacks dropped");
    String afterRestore = create("Cobalt Mug", 1_000);
    await(() -> ids("cobalt").equals(List.of(afterRestore)), "a write after the restore");

    assertThat(ids("ardent")).containsExactly(kept);
    assertThat(ids("kettle")).doesNotContain(lost);
    assertThat(total("")).isEqualTo(before + 2);
  }

  private static GenericContainer<?> startProductService(String database) {
    GenericContainer<?> started = PolyshopSystem.productService(network, database);
    started.start();
    return started;
  }

  private static String create(String name, long priceMinor) throws Exception {
    return Http.id(send("POST", "/products", null, body(name, priceMinor)));
  }

  private static String body(String name, long priceMinor) {
    return """
        {"sku":"%s","name":"%s","description":"Hand-painted, holds a litre",
         "category":"kitchen","brand":"Zanzibar Works",
         "price":{"amountMinor":%d,"currency":"USD"},"stock":3,"attributes":{}}
        """
        .formatted("CS-" + Long.toHexString(System.nanoTime()), name, priceMinor);
  }

  /** Sends a request straight to product-service and returns the body; fails unless it is 2xx. */
  private static String send(String method, String path, String ifMatch, String json)
      throws Exception {
    var base = URI.create("http://" + product.getHost() + ":" + product.getMappedPort(8081));
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(Duration.ofSeconds(10))
            .method(
                method,
                json == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) {
      request.header("Content-Type", "application/json");
    }
    if (ifMatch != null) {
      request.header("If-Match", ifMatch);
    }
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode())
        .as("%s %s: %s", method, path, response.body())
        .isBetween(200, 299);
    return response.body();
  }

  private static SearchServiceGrpc.SearchServiceBlockingStub stub() {
    return SearchServiceGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS);
  }

  private static SearchRequest query(String text) {
    return SearchRequest.newBuilder().setQuery(text).build();
  }

  /** The ids search finds for {@code text}; none while it is not serving. */
  private static List<String> ids(String text) {
    try {
      return stub().search(query(text)).getHitsList().stream()
          .map(hit -> hit.getProduct().getId())
          .toList();
    } catch (StatusRuntimeException notServing) {
      return List.of();
    }
  }

  /** How many products search finds for {@code text}; -1 while it is not serving. */
  private static long total(String text) {
    try {
      return stub().search(query(text)).getTotalHits();
    } catch (StatusRuntimeException notServing) {
      return -1;
    }
  }

  private static Duration awaitVisible(BooleanSupplier visible) throws InterruptedException {
    return await(visible, Duration.ofSeconds(10), "change visible in search");
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    await(condition, Duration.ofSeconds(60), what);
  }

  private static Duration await(BooleanSupplier condition, Duration timeout, String what)
      throws InterruptedException {
    long start = System.nanoTime();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - start > timeout.toNanos()) {
        throw new AssertionError("not reached within " + timeout + ": " + what);
      }
      Thread.sleep(10);
    }
    return Duration.ofNanos(System.nanoTime() - start);
  }
}
