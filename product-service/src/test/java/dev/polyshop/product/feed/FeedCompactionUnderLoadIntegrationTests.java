package dev.polyshop.product.feed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyshop.catalog.v1.Product;
import dev.polyshop.product.testing.HttpApi;
import dev.polyshop.product.testing.ProductBodies;
import dev.polyshop.product.testing.ProductServiceHarness;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Compaction of a 200,000-event feed (50,000 products, four versions each, one in ten deleted long
 * ago) while writers and feed readers keep going: writes stay fast and nothing times out waiting
 * for a pooled connection. Prints the writes' p99 latency.
 */
@ProductServiceHarness
class FeedCompactionUnderLoadIntegrationTests {

  private static final int PRODUCTS = 50_000;
  private static final int VERSIONS = 4;
  private static final int WRITERS = 4;
  private static final int READERS = 2;
  private static final Duration P99_BOUND = Duration.ofSeconds(2);

  @LocalServerPort int port;
  @Autowired FeedCompactor compactor;
  @Autowired JdbcClient jdbc;
  @Autowired MeterRegistry meters;
  private final String run = "load-" + System.nanoTime() + "-";

  @AfterEach
  void removeTheSyntheticProducts() {
    jdbc.sql(
            """
            delete from change_event where product_id in (
              select md5(:run || p)::uuid from generate_series(1, :products) p)""")
        .param("run", run)
        .param("products", PRODUCTS)
        .update();
  }

  @Test
  void compactionOf200kEvents_underWritesAndReads_keepsWritesFastAndThePoolAvailable()
      throws Exception {
    insertSyntheticFeed();
    jdbc.sql("update feed_head set purged_at = null").update(); // make the tombstone purge due
    HttpApi api = new HttpApi(port);
    double poolTimeoutsBefore = poolTimeouts();
    List<Long> writeMillis = new CopyOnWriteArrayList<>();
    Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
    AtomicInteger feedReads = new AtomicInteger();
    AtomicBoolean compacting = new AtomicBoolean(true);
    FeedCompactor.Result result;
    long took;
    try (ExecutorService load = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> workers = new ArrayList<>();
      for (int w = 0; w < WRITERS; w++) {
        workers.add(load.submit(() -> write(api, compacting, writeMillis, statuses)));
      }
      for (int r = 0; r < READERS; r++) {
        workers.add(load.submit(() -> read(api, compacting, feedReads, statuses)));
      }
      long started = System.nanoTime();
      try {
        Thread.sleep(300);
        result = compactor.compact(Duration.ofDays(7));
      } finally {
        compacting.set(false);
      }
      took = Duration.ofNanos(System.nanoTime() - started).toMillis();
      for (Future<?> worker : workers) {
        worker.get();
      }
    }

    long p99 = percentile(writeMillis, 0.99);
    System.out.printf(
        "Compaction of %d events took %d ms (%s); during it %d writes, p99 write latency %d ms,"
            + " p50 %d ms, max %d ms; %d feed reads; statuses %s%n",
        PRODUCTS * VERSIONS,
        took,
        result,
        writeMillis.size(),
        p99,
        percentile(writeMillis, 0.5),
        percentile(writeMillis, 1.0),
        feedReads.get(),
        statuses);
    assertThat(statuses.keySet()).containsOnly(200, 201);
    assertThat(poolTimeouts()).isEqualTo(poolTimeoutsBefore);
    assertThat(writeMillis).hasSizeGreaterThan(20);
    assertThat(Duration.ofMillis(p99)).isLessThan(P99_BOUND);
    assertThat(result.supersededRemoved()).isGreaterThanOrEqualTo(PRODUCTS * (VERSIONS - 1));
    assertThat(result.tombstonesRemoved()).isGreaterThanOrEqualTo(PRODUCTS / 10);
    assertThat(syntheticEvents()).isEqualTo(PRODUCTS - PRODUCTS / 10);
  }

  private void write(
      HttpApi api, AtomicBoolean compacting, List<Long> millis, Map<Integer, LongAdder> statuses) {
    while (compacting.get()) {
      long started = System.nanoTime();
      HttpApi.Response created =
          api.send(
              "POST",
              "/products",
              "application/json",
              ProductBodies.body(ProductBodies.uniqueSku("L")));
      millis.add(Duration.ofNanos(System.nanoTime() - started).toMillis());
      statuses.computeIfAbsent(created.status(), s -> new LongAdder()).increment();
      if (created.status() != 201) {
        continue;
      }
      started = System.nanoTime();
      HttpApi.Response patched =
          api.send(
              "PATCH",
              "/products/" + created.json().get("id").asString(),
              "application/merge-patch+json",
              "{\"stock\": 7}",
              "If-Match",
              "\"1\"");
      millis.add(Duration.ofNanos(System.nanoTime() - started).toMillis());
      statuses.computeIfAbsent(patched.status(), s -> new LongAdder()).increment();
    }
  }

  private void read(
      HttpApi api,
      AtomicBoolean compacting,
      AtomicInteger reads,
      Map<Integer, LongAdder> statuses) {
    long position = FeedConsumer.head(api);
    while (compacting.get()) {
      HttpApi.Response page = api.get("/products/changes?limit=1000&wait=1&after=" + position);
      statuses.computeIfAbsent(page.status(), s -> new LongAdder()).increment();
      reads.incrementAndGet();
      if (page.status() == 200) {
        position = page.json().get("nextPosition").asLong();
      }
    }
  }

  /** 50,000 products x 4 versions, positioned version by version, in one SQL statement. */
  private void insertSyntheticFeed() {
    byte[] snapshot = Product.newBuilder().setSku("LOAD").setName("Load").build().toByteArray();
    jdbc.sql(
            """
            with head as (select last_position from feed_head for update),
            inserted as (
              insert into change_event (position, product_id, version, kind, payload, committed_at)
              select head.last_position + (v - 1) * :products + p,
                     md5(:run || p)::uuid, v,
                     case when v = :versions and p % 10 = 0 then 'DELETE' else 'UPSERT' end,
                     :payload, now() - interval '30 days'
              from head, generate_series(1, :versions) v, generate_series(1, :products) p
              returning position)
            update feed_head set last_position = (select max(position) from inserted)""")
        .param("products", PRODUCTS)
        .param("versions", VERSIONS)
        .param("run", run)
        .param("payload", snapshot)
        .update();
  }

  private long syntheticEvents() {
    return jdbc.sql(
            """
            select count(*) from change_event where version = :versions and product_id in (
              select md5(:run || p)::uuid from generate_series(1, :products) p)""")
        .param("run", run)
        .param("products", PRODUCTS)
        .param("versions", VERSIONS)
        .query(Long.class)
        .single();
  }

  private double poolTimeouts() {
    return meters.get("hikaricp.connections.timeout").counter().count();
  }

  private static long percentile(List<Long> values, double quantile) {
    List<Long> sorted = values.stream().sorted().toList();
    if (sorted.isEmpty()) {
      return 0;
    }
    return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(quantile * sorted.size()) - 1));
  }
}
