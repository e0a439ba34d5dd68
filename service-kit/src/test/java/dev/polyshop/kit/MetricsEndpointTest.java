package dev.polyshop.kit;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MetricsEndpointTest {

  private final AtomicBoolean ready = new AtomicBoolean();
  private final HttpClient http = HttpClient.newHttpClient();
  private HTTPServer server;

  @BeforeEach
  void start() throws Exception {
    PrometheusRegistry registry = new PrometheusRegistry();
    Counter.builder().name("probe_test_total").help("a sample").register(registry).inc();
    server = MetricsEndpoint.serve(0, registry, ready::get);
  }

  @AfterEach
  void stop() {
    server.stop();
    http.close();
  }

  @Test
  void health_followsReadiness() throws Exception {
    assertThat(get("/health").statusCode()).isEqualTo(503);
    assertThat(get("/health").body()).isEqualTo("NOT_SERVING\n");

    ready.set(true);
    assertThat(get("/health").statusCode()).isEqualTo(200);
    assertThat(get("/health").body()).isEqualTo("SERVING\n");
  }

  @Test
  void liveness_answersWhetherReadyOrNot() throws Exception {
    assertThat(get("/-/healthy").statusCode()).isEqualTo(200);
  }

  @Test
  void metrics_areTheRegistrysSamples() throws Exception {
    assertThat(get("/metrics").body()).contains("probe_test_total 1.0");
  }

  @Test
  void otherPaths_areNotFound() throws Exception {
    ready.set(true);
    assertThat(get("/healthz").statusCode()).isEqualTo(404);
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + server.getPort() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
