package dev.polyshop.push.system;

import static java.util.concurrent.TimeUnit.MILLISECONDS;

import dev.polyshop.feed.ChangeFeedClient;
import dev.polyshop.feed.FollowerSettings;
import dev.polyshop.kit.ExecutorMetrics;
import dev.polyshop.kit.GrpcServerMetrics;
import dev.polyshop.kit.MetricsEndpoint;
import dev.polyshop.kit.ServingState;
import dev.polyshop.kit.Tracing;
import dev.polyshop.push.api.PublisherAuthentication;
import dev.polyshop.push.api.PushErrors;
import dev.polyshop.push.api.PushGrpcService;
import dev.polyshop.push.api.PushPorts;
import dev.polyshop.push.catalog.CatalogFeed;
import dev.polyshop.push.fanout.EventStream;
import dev.polyshop.push.fanout.Hub;
import dev.polyshop.push.fanout.LocalPublishedEvents;
import dev.polyshop.push.fanout.PublishedEvents;
import dev.polyshop.push.redis.RedisPublishedEvents;
import dev.polyshop.push.replay.EventLog;
import dev.polyshop.push.v1.PushServiceGrpc;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires push-service and runs it: the same wiring for {@code main} and for tests, which pass their
 * own {@link ServerBuilder} (in-process, or Netty on an ephemeral port).
 */
public final class PushServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(PushServer.class);
  private static final Duration FEED_REQUEST_TIMEOUT = Duration.ofSeconds(10);
  static final String RECONNECT =
      "push-service instance is shutting down: reconnect (to any instance) with your last event id"
          + " as resume_token";

  private final Config config;
  private final Server server;
  private final @Nullable Server internalServer;
  private final Hub hub;
  private final ServingState serving;
  private final @Nullable CatalogFeed catalog;
  private final PublishedEvents published;
  private final ThreadPoolExecutor delivery;
  private final ExecutorService callExecutor;
  private final ScheduledExecutorService heartbeats;
  private final @Nullable HTTPServer metricsServer;
  private final Tracing tracing;
  private boolean closed;

  private PushServer(
      Config config, ServerBuilder<?> builder, @Nullable ServerBuilder<?> internalBuilder)
      throws IOException {
    this.config = config;
    PrometheusRegistry registry = new PrometheusRegistry();
    Metrics metrics = new Metrics(registry);
    EventStream catalogStream = new EventStream(log(config), metrics);
    EventStream publishedStream = new EventStream(log(config), metrics);
    this.delivery =
        new ThreadPoolExecutor(
            config.deliveryThreads(),
            config.deliveryThreads(),
            0,
            TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>(),
            Thread.ofPlatform().daemon().name("push-delivery-", 0).factory());
    ExecutorMetrics.register(registry, Map.of("push-delivery", delivery));
    this.tracing = Tracing.start(config.tracing());
    GrpcServerMetrics calls =
        new GrpcServerMetrics(registry, 0.001, 0.01, 0.1, 1, 10, 60, 600, 3600, 86400);
    this.hub =
        new Hub(
            catalogStream,
            publishedStream,
            delivery,
            config.subscriberQueue(),
            config.maxSubscribers(),
            metrics);
    this.published =
        config
            .redisUrl()
            .<PublishedEvents>map(
                url ->
                    RedisPublishedEvents.start(
                        url,
                        config.redisStream(),
                        config.redisMaxLength(),
                        config.redisMaxAge(),
                        publishedStream))
            .orElseGet(() -> new LocalPublishedEvents(publishedStream, Clock.systemUTC()));
    publishedStream.setCeiling(published::ceiling);
    this.catalog =
        config
            .productServiceUrl()
            .map(
                url ->
                    CatalogFeed.start(
                        catalogStream,
                        new ChangeFeedClient(url, FEED_REQUEST_TIMEOUT),
                        FollowerSettings.DEFAULTS.withLongPollWait(config.feedWait()),
                        tracing))
            .orElse(null);
    metrics.bind(hub, catalog);
    this.serving = new ServingState(PushServiceGrpc.SERVICE_NAME);
    this.callExecutor = Executors.newVirtualThreadPerTaskExecutor();
    var push = new PushGrpcService(hub, published, config.maxEventBytes());
    this.server =
        builder
            .executor(callExecutor)
            .addService(
                ServerInterceptors.intercept(PushPorts.publicPort(push), interceptors(calls)))
            .addService(serving.healthService())
            .addService(ProtoReflectionServiceV1.newInstance())
            .build()
            .start();
    var publishers = new PublisherAuthentication(config.publisherJwtSecret(), Clock.systemUTC());
    this.internalServer =
        internalBuilder == null
            ? null
            : internalBuilder
                .executor(callExecutor)
                .addService(
                    ServerInterceptors.intercept(
                        PushPorts.internalPort(push, publishers), interceptors(calls)))
                .build()
                .start();
    this.heartbeats =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("push-heartbeats").factory());
    long interval = config.heartbeatInterval().toNanos();
    long tick = Math.max(TimeUnit.MILLISECONDS.toNanos(50), interval / 4);
    heartbeats.scheduleWithFixedDelay(
        () -> {
          hub.heartbeat(interval);
          serveOnceCaughtUp();
        },
        tick,
        tick,
        TimeUnit.NANOSECONDS);
    this.metricsServer =
        config.metricsPort() < 0
            ? null
            : MetricsEndpoint.serve(config.metricsPort(), registry, serving::isServing);
    serveOnceCaughtUp();
  }

  /**
   * Reports SERVING once the catalog feed has been read to its head (at once without a catalog):
   * before that, resumes on catalog topics wait and new subscribers would see a partial catalog.
   */
  private synchronized void serveOnceCaughtUp() {
    if (closed || (catalog != null && !catalog.caughtUp())) {
      return;
    }
    if (serving.markServing()) {
      log.info("push-service: SERVING");
    }
  }

  /** True once health reports SERVING (and until shutdown). */
  public boolean serving() {
    return serving.isServing();
  }

  private static EventLog log(Config config) {
    return new EventLog(config.retainedEvents(), config.retainedBytes());
  }

  /** Starts the service's public port only (no Publish) on {@code builder}. */
  public static PushServer start(Config config, ServerBuilder<?> builder) throws IOException {
    return new PushServer(config, builder, null);
  }

  /**
   * Starts the service: the public port (Subscribe, health, reflection) on {@code builder}, the
   * internal port (Publish with a service token) on {@code internalBuilder} unless it is null.
   */
  public static PushServer start(
      Config config, ServerBuilder<?> builder, @Nullable ServerBuilder<?> internalBuilder)
      throws IOException {
    return new PushServer(config, builder, internalBuilder);
  }

  /** The gRPC port (-1 for in-process servers). */
  public int port() {
    return server.getPort();
  }

  /** The internal (Publish) gRPC port; -1 when off or in-process. */
  public int internalPort() {
    return internalServer == null ? -1 : internalServer.getPort();
  }

  /** The metrics HTTP port, or -1 when disabled. */
  public int metricsPort() {
    return metricsServer == null ? -1 : metricsServer.getPort();
  }

  /** The fan-out, for gauges and tests. */
  public Hub hub() {
    return hub;
  }

  /** Where Publish goes. */
  public PublishedEvents published() {
    return published;
  }

  /** Blocks until the server has terminated. */
  public void awaitTermination() throws InterruptedException {
    server.awaitTermination();
  }

  /**
   * Shuts down gracefully: health NOT_SERVING, every stream ended with UNAVAILABLE telling the
   * client to resume elsewhere, then the server, the feed, Redis and the metrics endpoint.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    log.info("push-service shutting down: {} streams to close", hub.subscriberCount());
    serving.shutdown();
    hub.closeAll(Status.UNAVAILABLE.withDescription(RECONNECT));
    if (internalServer != null) {
      internalServer.shutdown();
    }
    server.shutdown();
    try {
      if (!server.awaitTermination(config.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS)) {
        server.shutdownNow();
        server.awaitTermination(2, TimeUnit.SECONDS);
      }
      if (internalServer != null
          && !internalServer.awaitTermination(config.shutdownGrace().toMillis(), MILLISECONDS)) {
        internalServer.shutdownNow();
      }
      if (catalog != null) {
        catalog.close();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      server.shutdownNow();
      if (internalServer != null) {
        internalServer.shutdownNow();
      }
    }
    heartbeats.shutdownNow();
    published.close();
    delivery.shutdownNow();
    callExecutor.shutdownNow();
    if (metricsServer != null) {
      metricsServer.close();
    }
    tracing.close();
  }

  /**
   * A port's interceptors; the last one runs first: a call's span (when tracing is on) covers the
   * whole call, and the metrics count the status the error mapping chose.
   */
  private List<ServerInterceptor> interceptors(GrpcServerMetrics calls) {
    List<ServerInterceptor> interceptors = new ArrayList<>();
    interceptors.add(PushErrors.MAPPING.interceptor());
    interceptors.add(calls.interceptor());
    interceptors.addAll(tracing.serverInterceptors());
    return interceptors;
  }
}
