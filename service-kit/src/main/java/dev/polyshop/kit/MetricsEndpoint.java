package dev.polyshop.kit;

import com.sun.net.httpserver.HttpExchange;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;

/**
 * The operations port of search-service and push-service: {@code /metrics} (Prometheus), {@code
 * /-/healthy} (liveness: the process answers) and {@code /health} (readiness: 200 {@code SERVING}
 * while {@code ready}, else 503 {@code NOT_SERVING}, mirroring gRPC health for plain HTTP probes
 * and scripts). Anything else is 404.
 */
public final class MetricsEndpoint {

  private MetricsEndpoint() {}

  /** Starts serving {@code registry} on {@code port} (0 picks a free one) on all interfaces. */
  public static HTTPServer serve(int port, PrometheusRegistry registry, BooleanSupplier ready)
      throws IOException {
    return HTTPServer.builder()
        .port(port)
        .registry(registry)
        .defaultHandler(exchange -> readiness(exchange, ready))
        .buildAndStart();
  }

  private static void readiness(HttpExchange exchange, BooleanSupplier ready) throws IOException {
    try (exchange) {
      boolean health = "/health".equals(exchange.getRequestURI().getPath());
      boolean serving = health && ready.getAsBoolean();
      int status = !health ? 404 : serving ? 200 : 503;
      byte[] body =
          (!health ? "not found\n" : serving ? "SERVING\n" : "NOT_SERVING\n")
              .getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
      exchange.sendResponseHeaders(status, body.length);
      exchange.getResponseBody().write(body);
    }
  }
}
