package dev.polyshop.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyshop.search.system.Config;
import dev.polyshop.search.system.SearchApplication;
import dev.polyshop.search.v1.SearchRequest;
import dev.polyshop.search.v1.SearchResponse;
import dev.polyshop.search.v1.SearchServiceGrpc;
import dev.polyshop.search.v1.SearchServiceGrpc.SearchServiceBlockingStub;
import dev.polyshop.search.v1.SuggestRequest;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * search-service following the real product-service (its jar, as a child process) on a real
 * PostgreSQL: writes through product-service's REST API become searchable within a second.
 */
class ProductServiceEndToEndIntegrationTests {

  private static final Logger log =
      LoggerFactory.getLogger(ProductServiceEndToEndIntegrationTests.class);
  private static final Duration VISIBLE_WITHIN = Duration.ofSeconds(1);
  private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");

  private static PostgreSQLContainer postgres;
  private static Process productService;
  private static URI productServiceUrl;
  private static SearchApplication search;
  private static ManagedChannel channel;
  private static final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  static void start() throws Exception {
    Path jar = productServiceJar();
    postgres = new PostgreSQLContainer("postgres:15");
    postgres.start();
    int port = freePort();
    productServiceUrl = URI.create("http://127.0.0.1:" + port);
    Path log = Path.of("target", "product-service-e2e.log");
    productService =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                jar.toString(),
                "--server.port=" + port,
                "--spring.datasource.url=" + postgres.getJdbcUrl(),
                "--spring.datasource.username=" + postgres.getUsername(),
                "--spring.datasource.password=" + postgres.getPassword(),
                "--polyshop.seed.products=0")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    awaitCondition(
        () -> get("/actuator/health/readiness") == 200,
        Duration.ofSeconds(120),
        "product-service ready (see " + log.toAbsolutePath() + ")");

    String name = InProcessServerBuilder.generateName();
    search =
        SearchApplication.start(
            Config.from(
                Map.of(
                    "PRODUCT_SERVICE_URL", productServiceUrl.toString(),
                    "SEARCH_METRICS_PORT", "0",
                    "SEARCH_SHUTDOWN_GRACE", "1s")),
            InProcessServerBuilder.forName(name));
    channel = InProcessChannelBuilder.forName(name).directExecutor().build();
    awaitCondition(() -> total("") >= 0, Duration.ofSeconds(30), "search-service serving");
  }

  @AfterAll
  static void stop() throws Exception {
    if (search != null) {
      search.close();
      channel.shutdownNow();
    }
    if (productService != null) {
      productService.destroy();
      if (!productService.waitFor(30, TimeUnit.SECONDS)) {
        productService.destroyForcibly();
      }
    }
    if (postgres != null) {
      postgres.stop();
    }
  }

  @Test
  void createUpdateDelete_throughProductService_areSearchableWithinOneSecond() throws Exception {
    String created = send("POST", "/products", null, body("Zanzibar Teapot", 4_500));
    String id = matchId(created);
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
    SearchResponse updated = search("zanzibar");
    assertThat(updated.getHits(0).getProduct().getPrice().getAmountMinor()).isEqualTo(3_900);
    assertThat(updated.getHits(0).getProduct().getVersion()).isEqualTo(2);

    send("DELETE", "/products/" + id, "\"2\"", null);
    Duration deleteVisible = awaitVisible(() -> ids("zanzibar").isEmpty());

    log.info(
        "visible in search after create {} ms, update {} ms, delete {} ms",
        createVisible.toMillis(),
        updateVisible.toMillis(),
        deleteVisible.toMillis());
    assertThat(List.of(createVisible, updateVisible, deleteVisible))
        .allSatisfy(took -> assertThat(took).isLessThan(VISIBLE_WITHIN));
  }

  private static String body(String name, long priceMinor) {
    return """
        {"sku":"ZT-1","name":"%s","description":"Hand-painted, holds a litre",
         "category":"kitchen","brand":"Zanzibar Works",
         "price":{"amountMinor":%d,"currency":"USD"},"stock":3,"attributes":{}}
        """
        .formatted(name, priceMinor);
  }

  private static String send(String method, String path, String ifMatch, String json)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(productServiceUrl.resolve(path))
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

  private static int get(String path) {
    try {
      return http.send(
              HttpRequest.newBuilder(productServiceUrl.resolve(path))
                  .timeout(Duration.ofSeconds(2))
                  .build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private static SearchServiceBlockingStub stub() {
    return SearchServiceGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS);
  }

  private static SearchResponse search(String query) {
    return stub().search(SearchRequest.newBuilder().setQuery(query).build());
  }

  private static List<String> ids(String query) {
    return search(query).getHitsList().stream().map(hit -> hit.getProduct().getId()).toList();
  }

  private static long total(String query) {
    try {
      return search(query).getTotalHits();
    } catch (StatusRuntimeException notServingYet) {
      return -1;
    }
  }

  private static Duration awaitVisible(BooleanSupplier visible) throws InterruptedException {
    return awaitCondition(visible, Duration.ofSeconds(10), "change visible in search");
  }

  private static Duration awaitCondition(BooleanSupplier condition, Duration timeout, String what)
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

  private static String matchId(String json) {
    Matcher id = ID.matcher(json);
    assertThat(id.find()).as("id in %s", json).isTrue();
    return id.group(1);
  }

  /** The product-service jar built earlier in the reactor (failsafe passes its directory). */
  private static Path productServiceJar() throws IOException {
    String dir = System.getProperty("polyshop.product-service.target", "../product-service/target");
    try (Stream<Path> files = Files.list(Path.of(dir))) {
      return files
          .filter(p -> p.getFileName().toString().matches("polyshop-product-service-.*\\.jar"))
          .filter(p -> !p.getFileName().toString().endsWith("-sources.jar"))
          .findFirst()
          .orElseThrow();
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException(
          "no product-service jar in "
              + new File(dir).getAbsolutePath()
              + "; build it first (./mvnw verify from the root builds it before search-service,"
              + " or ./mvnw -pl product-service -am package -DskipTests)",
          e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
