package dev.polyshop.search.system;

import dev.polyshop.kit.ExecutorMetrics;
import dev.polyshop.kit.FeedConsumerMetrics;
import dev.polyshop.kit.GrpcServerMetrics;
import dev.polyshop.kit.MetricsEndpoint;
import dev.polyshop.kit.VirtualThreadMetrics;
import io.grpc.ServerInterceptor;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/** The service's Prometheus metrics, in a registry of its own, served on a small HTTP port. */
public final class SearchMetrics {

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final GrpcServerMetrics calls =
      new GrpcServerMetrics(
          registry, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5);
  private final Histogram refreshes =
      Histogram.builder()
          .name("search_index_refresh_seconds")
          .help("Time to open a new searcher over applied changes (refreshes that found some)")
          .unit(Unit.SECONDS)
          .classicOnly()
          .classicUpperBounds(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5)
          .withoutExemplars()
          .register(registry);

  public SearchMetrics() {
    JvmMetrics.builder().register(registry);
    VirtualThreadMetrics.register(registry);
  }

  /** Records every call the server handles. */
  public ServerInterceptor interceptor() {
    return calls.interceptor();
  }

  /** Registers the saturation gauges of the service's bounded thread pools. */
  public void executors(Map<String, ThreadPoolExecutor> pools) {
    ExecutorMetrics.register(registry, pools);
  }

  /** Records a refresh that opened a new searcher. */
  public void refreshed(long nanos) {
    refreshes.observe(nanos / 1e9);
  }

  /** Registers a gauge read at scrape time. */
  public void gauge(String name, String help, DoubleSupplier value) {
    GaugeWithCallback.builder()
        .name(name)
        .help(help)
        .callback(callback -> callback.call(value.getAsDouble()))
        .register(registry);
  }

  /** Registers the change-feed consumer gauges shared by every follower of the feed. */
  public void feedConsumer(
      String consumer,
      LongSupplier position,
      LongSupplier lagPositions,
      DoubleSupplier lagSeconds) {
    FeedConsumerMetrics.register(registry, consumer, position, lagPositions, lagSeconds);
  }

  /** Seconds since {@code instant}, for "age" gauges. */
  public static double ageSeconds(Instant instant) {
    return Duration.between(instant, Instant.now()).toMillis() / 1000.0;
  }

  /**
   * Serves {@code /metrics}, {@code /-/healthy} (liveness) and {@code /health} (readiness: 200
   * while {@code ready}, else 503) on {@code port} (0 picks a free port).
   */
  public HTTPServer serve(int port, BooleanSupplier ready) throws IOException {
    return MetricsEndpoint.serve(port, registry, ready);
  }
}
