package dev.polyshop.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyshop.search.system.Config;
import dev.polyshop.search.system.SearchApplication;
import dev.polyshop.search.testing.ProductServiceProcess;
import dev.polyshop.search.v1.SearchRequest;
import dev.polyshop.search.v1.SearchServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * search-service, with its index on disk, following the real product-service whose database is then
 * replaced by an older dump of itself: the index is rebuilt to match the restored catalog instead
 * of keeping products the restored database never had (or skipping new ones).
 */
class ProductServiceRestoreIntegrationTests {

  private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");

  private final PostgreSQLContainer postgres = new PostgreSQLContainer("postgres:15");
  private final Path log = Path.of("target", "product-service-restore.log");
  private ProductServiceProcess productService;
  private SearchApplication search;
  private ManagedChannel channel;

  @AfterEach
  void stop() throws Exception {
    if (search != null) {
      search.close();
      channel.shutdownNow();
    }
    if (productService != null) {
      productService.close();
    }
    postgres.stop();
  }

  @Test
  void productServiceOnARestoredOlderDump_searchRebuildsToTheRestoredCatalog(@TempDir Path index)
      throws Exception {
    postgres.start();
    int port = ProductServiceProcess.freePort();
    productService = start(port, postgres.getDatabaseName());
    startSearch(productService, index);
    String kept = create("Ardent Teapot");
    await(() -> ids("ardent").equals(List.of(kept)), "first product searchable");

    productService.close();
    exec("createdb -U %1$s -T %2$s restored"); // the dump taken now is restored later
    productService = start(port, postgres.getDatabaseName());
    String lost = create("Bristling Kettle");
    create("Bristling Cup");
    await(() -> total("bristling") == 2, "products written after the dump searchable");

    productService.close();
    productService = start(port, "restored");
    await(() -> total("bristling") == 0, "products the restored database lacks dropped");
    String afterRestore = create("Cobalt Mug");
    await(() -> ids("cobalt").equals(List.of(afterRestore)), "a write after the restore");

    assertThat(ids("ardent")).containsExactly(kept);
    assertThat(ids("kettle")).doesNotContain(lost);
    assertThat(total("")).isEqualTo(2);
  }

  private ProductServiceProcess start(int port, String database) throws Exception {
    String url = postgres.getJdbcUrl().replace("/" + postgres.getDatabaseName(), "/" + database);
    return ProductServiceProcess.start(
        port, url, postgres.getUsername(), postgres.getPassword(), log);
  }

  private void startSearch(ProductServiceProcess products, Path index) throws Exception {
    String name = InProcessServerBuilder.generateName();
    search =
        SearchApplication.start(
            Config.from(
                Map.of(
                    "PRODUCT_SERVICE_URL",
                    products.url().toString(),
                    "SEARCH_INDEX_DIR",
                    index.toString(),
                    "SEARCH_METRICS_PORT",
                    "0",
                    "SEARCH_SHUTDOWN_GRACE",
                    "1s")),
            InProcessServerBuilder.forName(name));
    channel = InProcessChannelBuilder.forName(name).directExecutor().build();
  }

  private void exec(String command) throws Exception {
    var result =
        postgres.execInContainer(
            "sh", "-c", command.formatted(postgres.getUsername(), postgres.getDatabaseName()));
    assertThat(result.getExitCode()).as(result.getStderr()).isZero();
  }

  private String create(String name) throws Exception {
    String body =
        """
        {"sku":"%s","name":"%s","category":"kitchen","brand":"Restore Works",
         "price":{"amountMinor":1000,"currency":"USD"},"stock":3,"attributes":{}}
        """
            .formatted("R-" + Long.toHexString(System.nanoTime()), name);
    Matcher id = ID.matcher(productService.send("POST", "/products", null, body));
    assertThat(id.find()).isTrue();
    return id.group(1);
  }

  private List<String> ids(String query) {
    try {
      return stub()
          .search(SearchRequest.newBuilder().setQuery(query).build())
          .getHitsList()
          .stream()
          .map(hit -> hit.getProduct().getId())
          .toList();
    } catch (StatusRuntimeException notServing) {
      return List.of();
    }
  }

  private long total(String query) {
    try {
      return stub().search(SearchRequest.newBuilder().setQuery(query).build()).getTotalHits();
    } catch (StatusRuntimeException notServing) {
      return -1;
    }
  }

  private SearchServiceGrpc.SearchServiceBlockingStub stub() {
    return SearchServiceGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS);
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("within 30 s: %s", what).isLessThan(deadline);
      Thread.sleep(50);
    }
  }
}
