package dev.polyshop.search.system;

import dev.polyshop.feed.ChangeFeedClient;
import dev.polyshop.feed.ChangeFeedFollower;
import dev.polyshop.feed.FollowerSettings;
import dev.polyshop.kit.ServingState;
import dev.polyshop.kit.Tracing;
import dev.polyshop.search.feed.IndexingFeedListener;
import dev.polyshop.search.index.ProductIndex;
import dev.polyshop.search.v1.SearchServiceGrpc;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * search-service assembled and running: index, feed follower, gRPC server, metrics, and the orderly
 * shutdown of all of them.
 */
public final class SearchApplication implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SearchApplication.class);
  private static final Duration FEED_REQUEST_TIMEOUT = Duration.ofSeconds(10);

  private final Config config;
  private final ProductIndex index;
  private final ServingState serving;
  private final ThreadPoolExecutor callExecutor;
  private final ScheduledExecutorService housekeeping;
  private final Server server;
  private final ChangeFeedFollower follower;
  private final HTTPServer metricsServer;
  private final Tracing tracing;
  private final AtomicBoolean closed = new AtomicBoolean();

  private SearchApplication(Config config, ServerBuilder<?> serverBuilder) throws IOException {
    this.config = config;
    this.index =
        config.indexDir().isPresent()
            ? ProductIndex.open(config.indexDir().get())
            : ProductIndex.inMemory();
    this.serving = new ServingState(SearchServiceGrpc.SERVICE_NAME);
    SearchMetrics metrics = new SearchMetrics();
    this.tracing = Tracing.start(config.tracing());
    this.callExecutor =
        new ThreadPoolExecutor(
            config.searchThreads(),
            config.searchThreads(),
            0,
            TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>(),
            Thread.ofPlatform().name("search-call-", 0).factory());
    metrics.executors(Map.of("search-call", callExecutor));
    this.server =
        GrpcServerSetup.configure(
                serverBuilder, config, index, serving, metrics, tracing, callExecutor)
            .build()
            .start();
    this.housekeeping =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("search-index-housekeeping").daemon().factory());
    scheduleHousekeeping();
    this.follower = follow();
    Instant started = Instant.now();
    metrics.feedConsumer("search-index", index::cursor, follower::lag, follower::lagSeconds);
    metrics.gauge("search_index_documents", "Products searchable in the index", this::documents);
    metrics.gauge("search_index_size_bytes", "Bytes the index's files take", this::sizeBytes);
    index.onRefresh(metrics::refreshed);
    metrics.gauge(
        "search_feed_last_contact_age_seconds",
        "Seconds since product-service last answered a feed request (since start if never)",
        () -> SearchMetrics.ageSeconds(latest(follower.lastContact(), started)));
    metrics.gauge("search_serving", "1 when this replica answers searches", this::servingValue);
    this.metricsServer = metrics.serve(config.metricsPort(), serving::isServing);
    log.info(
        "search-service started: gRPC port {}, metrics port {}, index {}, feed {} from {}",
        server.getPort(),
        metricsServer.getPort(),
        config.indexDir().map(Object::toString).orElse("in memory"),
        config.productServiceUrl(),
        index.cursor());
  }

  /** Opens the index, starts serving on {@code serverBuilder} and starts following the feed. */
  public static SearchApplication start(Config config, ServerBuilder<?> serverBuilder)
      throws IOException {
    return new SearchApplication(config, serverBuilder);
  }

  private ChangeFeedFollower follow() {
    var client = new ChangeFeedClient(config.productServiceUrl(), FEED_REQUEST_TIMEOUT);
    var listener =
        new IndexingFeedListener(index, tracing, serving::markServing, serving::markNotServing);
    var settings = FollowerSettings.DEFAULTS.withLongPollWait(config.feedLongPoll());
    return new ChangeFeedFollower(client, listener, settings, index.feedCursor(), "search-feed")
        .start();
  }

  private void scheduleHousekeeping() {
    long refreshMillis = config.refreshInterval().toMillis();
    housekeeping.scheduleWithFixedDelay(
        () -> runQuietly("refresh", index::maybeRefresh),
        refreshMillis,
        refreshMillis,
        TimeUnit.MILLISECONDS);
    if (index.persistent()) {
      long commitMillis = config.commitInterval().toMillis();
      housekeeping.scheduleWithFixedDelay(
          () -> runQuietly("commit", () -> index.commitIfChanged()),
          commitMillis,
          commitMillis,
          TimeUnit.MILLISECONDS);
    }
  }

  /** The gRPC port (-1 for an in-process server). */
  public int grpcPort() {
    return server.getPort();
  }

  public int metricsPort() {
    return metricsServer.getPort();
  }

  /** Blocks until the server has terminated. */
  public void awaitTermination() throws InterruptedException {
    server.awaitTermination();
  }

  /**
   * Shuts down in order: NOT_SERVING first (load balancers stop sending), then drain in-flight
   * calls up to the grace period, then stop the follower and commit and close the index.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    log.info("search-service shutting down");
    serving.shutdown();
    server.shutdown();
    try {
      if (!server.awaitTermination(config.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn("calls still running after {}; cancelling them", config.shutdownGrace());
        server.shutdownNow();
      }
      follower.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      server.shutdownNow();
    }
    housekeeping.shutdownNow();
    try {
      housekeeping.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    callExecutor.shutdown();
    runQuietly("close index", index::close);
    metricsServer.close();
    tracing.close();
    log.info("search-service stopped at feed position {}", index.cursor());
  }

  private double documents() {
    try {
      return index.liveDocuments();
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  private double sizeBytes() {
    try {
      return index.sizeBytes();
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  private double servingValue() {
    return serving.isServing() ? 1 : 0;
  }

  private static Instant latest(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  @FunctionalInterface
  private interface IndexTask {
    void run() throws IOException;
  }

  private static void runQuietly(String what, IndexTask task) {
    try {
      task.run();
    } catch (IOException | RuntimeException e) {
      log.warn("index {} failed", what, e);
    }
  }
}
