package dev.polyshop.product.feed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyshop.catalog.v1.ChangeEvent;
import dev.polyshop.product.catalog.Money;
import dev.polyshop.product.catalog.ProductData;
import dev.polyshop.product.catalog.ProductService;
import dev.polyshop.product.testing.HttpApi;
import dev.polyshop.product.testing.ProductBodies;
import dev.polyshop.product.testing.ProductServiceHarness;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

@ProductServiceHarness
class ChangeFeedIntegrationTests {

  private static final int WRITERS = 8;
  private static final int WRITES_PER_WRITER = 50;

  @LocalServerPort int port;
  @Autowired ProductService products;
  @Autowired PlatformTransactionManager transactionManager;
  HttpApi api;

  @BeforeEach
  void setUp() {
    api = new HttpApi(port);
  }

  @Test
  void concurrentWriters_consumerSeesEveryChangeExactlyOnceInVersionOrder() throws Exception {
    FeedConsumer consumer = FeedConsumer.fromHead(api);
    Set<String> ids = ConcurrentHashMap.newKeySet();
    CompletableFuture<Void> writing;
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<CompletableFuture<Void>> writers = new ArrayList<>();
      for (int w = 0; w < WRITERS; w++) {
        writers.add(CompletableFuture.runAsync(() -> ids.add(writeVersions()), pool));
      }
      writing = CompletableFuture.allOf(writers.toArray(CompletableFuture[]::new));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
      while (!(writing.isDone() && ownEvents(consumer, ids).size() >= WRITERS * WRITES_PER_WRITER)
          && System.nanoTime() < deadline) {
        consumer.poll(1);
      }
      writing.get();
    }

    List<ChangeEvent> events = ownEvents(consumer, ids);
    assertThat(ids).hasSize(WRITERS);
    assertThat(events).hasSize(WRITERS * WRITES_PER_WRITER);
    assertThat(consumer.received())
        .extracting(ChangeEvent::getPosition)
        .isSorted()
        .doesNotHaveDuplicates();
    Map<String, List<Long>> versionsByProduct =
        events.stream()
            .collect(
                Collectors.groupingBy(
                    ChangeEvent::getProductId,
                    Collectors.mapping(ChangeEvent::getVersion, Collectors.toList())));
    List<Long> oneToFifty = LongStream.rangeClosed(1, WRITES_PER_WRITER).boxed().toList();
    assertThat(versionsByProduct.values()).allSatisfy(v -> assertThat(v).isEqualTo(oneToFifty));
    assertThat(events)
        .allSatisfy(e -> assertThat(e.getUpsert().getVersion()).isEqualTo(e.getVersion()));
  }

  @Test
  void lateCommit_isDeliveredEvenAfterALaterCommitWasConsumed() throws Exception {
    FeedConsumer consumer = FeedConsumer.fromHead(api);
    CountDownLatch written = new CountDownLatch(1);
    CountDownLatch commit = new CountDownLatch(1);
    String lateSku = ProductBodies.uniqueSku("LATE");
    // Writes through the real service path, then holds its transaction open: its event row is
    // inserted first but commits last.
    CompletableFuture<Void> late =
        CompletableFuture.runAsync(
            () ->
                new TransactionTemplate(transactionManager)
                    .executeWithoutResult(
                        status -> {
                          products.createMissing(List.of(data(lateSku)));
                          written.countDown();
                          await(commit);
                        }));
    assertThat(written.await(10, TimeUnit.SECONDS)).isTrue();
    String earlySku = ProductBodies.uniqueSku("EARLY");
    assertThat(
            api.send("POST", "/products", "application/json", ProductBodies.body(earlySku))
                .status())
        .isEqualTo(201);
    List<ChangeEvent> firstSeen = pollUntil(consumer, earlySku);

    commit.countDown();
    late.get(10, TimeUnit.SECONDS);
    List<ChangeEvent> laterSeen = pollUntil(consumer, lateSku);

    assertThat(skus(firstSeen)).contains(earlySku).doesNotContain(lateSku);
    assertThat(skus(laterSeen)).contains(lateSku);
  }

  @Test
  void rolledBackWrite_leavesNoEvent() {
    FeedConsumer consumer = FeedConsumer.fromHead(api);
    String sku = ProductBodies.uniqueSku("ROLLBACK");

    new TransactionTemplate(transactionManager)
        .executeWithoutResult(
            status -> {
              products.createMissing(List.of(data(sku)));
              status.setRollbackOnly();
            });
    String marker = ProductBodies.uniqueSku("MARK");
    api.send("POST", "/products", "application/json", ProductBodies.body(marker));

    assertThat(skus(pollUntil(consumer, marker))).doesNotContain(sku);
  }

  @Test
  void longPoll_answersAsSoonAsAChangeCommits() throws Exception {
    FeedConsumer consumer = FeedConsumer.fromHead(api);
    String sku = ProductBodies.uniqueSku("WAKE");
    CompletableFuture<List<ChangeEvent>> waiting =
        CompletableFuture.supplyAsync(() -> consumer.poll(20));
    Thread.sleep(500);

    api.send("POST", "/products", "application/json", ProductBodies.body(sku));
    long written = System.nanoTime();
    List<ChangeEvent> events = waiting.get(10, TimeUnit.SECONDS);

    // Woken by the sequencer run that follows the commit, not by the 20 s wait running out.
    assertThat(skus(events)).contains(sku);
    assertThat(Duration.ofNanos(System.nanoTime() - written)).isLessThan(Duration.ofSeconds(3));
  }

  /** Creates a product over HTTP and patches it to version 50, one write at a time. */
  private String writeVersions() {
    var created =
        api.send(
                "POST",
                "/products",
                "application/json",
                ProductBodies.body(ProductBodies.uniqueSku("FEED")))
            .json();
    String id = created.get("id").asString();
    for (int version = 1; version < WRITES_PER_WRITER; version++) {
      var patched =
          api.send(
              "PATCH",
              "/products/" + id,
              "application/merge-patch+json",
              "{\"stock\": " + version + "}",
              "If-Match",
              "\"" + version + "\"");
      assertThat(patched.status()).isEqualTo(200);
    }
    return id;
  }

  private static List<ChangeEvent> ownEvents(FeedConsumer consumer, Set<String> ids) {
    return consumer.received().stream().filter(e -> ids.contains(e.getProductId())).toList();
  }

  private static List<ChangeEvent> pollUntil(FeedConsumer consumer, String sku) {
    List<ChangeEvent> seen = new ArrayList<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!skus(seen).contains(sku) && System.nanoTime() < deadline) {
      seen.addAll(consumer.poll(1));
    }
    return seen;
  }

  private static Set<String> skus(List<ChangeEvent> events) {
    return events.stream().map(e -> e.getUpsert().getSku()).collect(Collectors.toSet());
  }

  private static ProductData data(String sku) {
    return new ProductData(
        sku, "Late product", "", "feed", "Acme", new Money(100, "USD"), 1, Map.of());
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
