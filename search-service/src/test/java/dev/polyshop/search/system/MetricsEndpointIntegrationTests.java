package dev.polyshop.search.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyshop.search.testing.CatalogFixtures;
import dev.polyshop.search.testing.FakeChangeFeed;
import dev.polyshop.search.testing.RunningSearch;
import dev.polyshop.search.v1.SearchRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Prometheus endpoint on the metrics port. */
class MetricsEndpointIntegrationTests {

  private FakeChangeFeed feed;
  private RunningSearch running;

  @AfterEach
  void stop() throws Exception {
    running.close();
    feed.close();
  }

  @Test
  void scrape_afterACall_reportsTheCallAndTheIndexState() throws Exception {
    feed = FakeChangeFeed.start(CatalogFixtures.catalogEvents());
    running = RunningSearch.start(feed.url(), Map.of());
    running.awaitServing();

    running.search().search(SearchRequest.newBuilder().setQuery("laptop").build());
    List<String> lines = scrape().lines().toList();

    assertThat(lines)
        .anyMatch(
            line ->
                line.startsWith("grpc_server_handled_total{")
                    && line.contains("grpc_method=\"Search\"")
                    && line.contains("grpc_code=\"OK\"")
                    && line.contains("grpc_service=\"polyshop.search.v1.SearchService\"")
                    && line.endsWith(" 1.0"))
        .anyMatch(
            line ->
                line.startsWith("grpc_server_handling_seconds_count{")
                    && line.contains("grpc_method=\"Search\"")
                    && line.endsWith(" 1"))
        .contains(
            "search_index_documents 8.0",
            "polyshop_feed_consumer_position{consumer=\"search-index\"} 16.0",
            "polyshop_feed_consumer_lag_positions{consumer=\"search-index\"} 0.0",
            "polyshop_feed_consumer_lag_seconds{consumer=\"search-index\"} 0.0")
        .anyMatch(line -> line.startsWith("search_feed_last_contact_age_seconds "))
        // the feed follower runs on a virtual thread
        .anyMatch(
            line ->
                line.startsWith("jvm_threads_virtual_live_threads{scheduling_status=\"queued\"} "))
        .anyMatch(
            line ->
                line.startsWith("search_index_size_bytes ")
                    && Double.parseDouble(line.split(" ")[1]) > 1000)
        // catching up refreshes once; the periodic refresh may have run too
        .anyMatch(
            line ->
                line.startsWith("search_index_refresh_seconds_count ")
                    && Long.parseLong(line.split(" ")[1]) >= 1);
  }

  @Test
  void healthPath_isReadiness_503UntilCaughtUp_then200() throws Exception {
    feed = FakeChangeFeed.start(CatalogFixtures.catalogEvents());
    feed.hold();
    running = RunningSearch.start(feed.url(), Map.of());

    assertThat(get("/health").statusCode()).isEqualTo(503);
    assertThat(get("/-/healthy").statusCode()).isEqualTo(200);

    feed.release();
    running.awaitServing();
    assertThat(get("/health").statusCode()).isEqualTo(200);
    assertThat(get("/other").statusCode()).isEqualTo(404);
  }

  private String scrape() throws Exception {
    HttpResponse<String> response = get("/metrics");
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }

  private HttpResponse<String> get(String path) throws Exception {
    try (HttpClient http = HttpClient.newHttpClient()) {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + running.app.metricsPort() + path))
              .timeout(Duration.ofSeconds(5))
              .build();
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
  }
}
