package dev.polyshop.product.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyshop.product.testing.HttpApi;
import dev.polyshop.product.testing.ProductServiceHarness;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;

@ProductServiceHarness
class OperationsIntegrationTests {

  @LocalServerPort int port;
  HttpApi api;

  @BeforeEach
  void setUp() {
    api = new HttpApi(port);
  }

  @Test
  void openApiDocument_describesTheProductsApiAndTheFeed() {
    HttpApi.Response docs = api.get("/v3/api-docs");

    assertThat(docs.status()).isEqualTo(200);
    assertThat(docs.json().get("paths").propertyNames())
        .contains("/products", "/products/{id}", "/products/changes");
    // The writable fields sit in the product object itself (ProductData is unwrapped), as in the
    // responses.
    assertThat(
            docs.json()
                .get("components")
                .get("schemas")
                .get("Product")
                .get("properties")
                .propertyNames())
        .contains("id", "sku", "name", "price", "attributes", "createdAt", "version")
        .doesNotContain("data");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/actuator/health/liveness", "/actuator/health/readiness"})
  void probes_reportUp(String probe) {
    HttpApi.Response health = api.get(probe);

    assertThat(health.status()).isEqualTo(200);
    assertThat(health.json().get("status").asString()).isEqualTo("UP");
  }

  @Test
  void prometheus_exposesFeedMetrics() {
    HttpApi.Response metrics = api.get("/actuator/prometheus");

    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.body())
        .contains(
            "polyshop_feed_head_position",
            "polyshop_feed_unsequenced_events",
            "http_server_requests");
  }

  @Test
  void prometheus_showsTheVirtualThreadScheduler_theRequestsRunOn() {
    HttpApi.Response metrics = api.get("/actuator/prometheus");

    assertThat(metrics.body())
        .contains(
            "jvm_threads_virtual_parallelism ",
            "jvm_threads_virtual_pool_size_threads ",
            "jvm_threads_virtual_live_threads{scheduling_status=\"mounted\"}",
            "jvm_threads_virtual_live_threads{scheduling_status=\"queued\"}",
            "jvm_threads_virtual_pinned_seconds_count ",
            "jvm_threads_virtual_submit_failed_total ");
    // The scrape itself is a request, served on a virtual thread that is mounted while it runs.
    assertThat(
            sample(
                metrics.body(), "jvm_threads_virtual_live_threads{scheduling_status=\"mounted\"}"))
        .isGreaterThanOrEqualTo(1);
  }

  private static double sample(String exposition, String series) {
    return exposition
        .lines()
        .filter(line -> line.startsWith(series + " "))
        .mapToDouble(line -> Double.parseDouble(line.substring(series.length() + 1).trim()))
        .findFirst()
        .orElseThrow(() -> new AssertionError(series + " not in the scrape"));
  }

  @Test
  void info_isExposed() {
    assertThat(api.get("/actuator/info").status()).isEqualTo(200);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"/actuator/env", "/actuator/beans", "/actuator/configprops", "/actuator/heapdump"})
  void otherActuatorEndpoints_areNotExposed(String endpoint) {
    assertThat(api.get(endpoint).status()).isEqualTo(404);
  }
}
