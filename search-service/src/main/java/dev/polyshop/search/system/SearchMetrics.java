package dev.polyshop.search.system;

import dev.polyshop.kit.MetricsEndpoint;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleSupplier;

/** The service's Prometheus metrics, in a registry of its own, served on a small HTTP port. */
public final class SearchMetrics {

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final Counter handled =
      Counter.builder()
          .name("grpc_server_handled_total")
          .help("gRPC calls completed, by service, method and status code")
          .labelNames("grpc_service", "grpc_method", "grpc_code")
          .register(registry);
  private final Histogram latency =
      Histogram.builder()
          .name("grpc_server_handling_seconds")
          .help("Time from receiving a gRPC call to closing it, by service, method and status code")
          .unit(Unit.SECONDS)
          .labelNames("grpc_service", "grpc_method", "grpc_code")
          .classicOnly()
          .classicUpperBounds(
              0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5)
          .register(registry);

  public SearchMetrics() {
    JvmMetrics.builder().register(registry);
  }

  /** Records every call the server handles. */
  public ServerInterceptor interceptor() {
    return new MetricsInterceptor(this);
  }

  void recordCall(String service, String method, Status.Code code, long nanos) {
    handled.labelValues(service, method, code.name()).inc();
    latency.labelValues(service, method, code.name()).observe(nanos / 1e9);
  }

  /** Registers a gauge read at scrape time. */
  public void gauge(String name, String help, DoubleSupplier value) {
    GaugeWithCallback.builder()
        .name(name)
        .help(help)
        .callback(callback -> callback.call(value.getAsDouble()))
        .register(registry);
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
