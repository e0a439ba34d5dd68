package dev.polyshop.search.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyshop.search.api.ApiLimits;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfigTest {

  @Test
  void emptyEnvironment_givesTheDocumentedDefaults() {
    Config config = Config.from(Map.of());

    assertThat(config.grpcPort()).isEqualTo(9091);
    assertThat(config.metricsPort()).isEqualTo(9191);
    assertThat(config.productServiceUrl()).isEqualTo(URI.create("http://localhost:8081"));
    assertThat(config.indexDir()).isEmpty();
    assertThat(config.limits()).isEqualTo(new ApiLimits(100, 256, 50));
    assertThat(config.refreshInterval()).isEqualTo(Duration.ofMillis(100));
    assertThat(config.commitInterval()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.maxInboundMessageBytes()).isEqualTo(1_048_576);
    assertThat(config.searchThreads()).isEqualTo(Runtime.getRuntime().availableProcessors());
    assertThat(config.feedLongPoll()).isEqualTo(Duration.ofSeconds(20));
    assertThat(config.shutdownGrace()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void environment_overridesEachKey() {
    Config config =
        Config.from(
            Map.of(
                "SEARCH_GRPC_PORT", "7001",
                "PRODUCT_SERVICE_URL", "http://product-service:8081",
                "SEARCH_INDEX_DIR", "/var/lib/search",
                "SEARCH_MAX_PAGE_SIZE", "50",
                "SEARCH_REFRESH_INTERVAL", "250ms"));

    assertThat(config.grpcPort()).isEqualTo(7001);
    assertThat(config.productServiceUrl().getHost()).isEqualTo("product-service");
    assertThat(config.indexDir()).isEqualTo(Optional.of(Path.of("/var/lib/search")));
    assertThat(config.limits().maxPageSize()).isEqualTo(50);
    assertThat(config.refreshInterval()).isEqualTo(Duration.ofMillis(250));
  }

  @Test
  void malformedValue_failsNamingTheKey() {
    assertThatThrownBy(() -> Config.from(Map.of("SEARCH_GRPC_PORT", "ninety")))
        .hasMessage("SEARCH_GRPC_PORT='ninety' is not valid: expected an integer in 0..65535");
    assertThatThrownBy(() -> Config.from(Map.of("PRODUCT_SERVICE_URL", "localhost:8081")))
        .hasMessageContaining("PRODUCT_SERVICE_URL='localhost:8081' is not valid");
    assertThatThrownBy(() -> Config.from(Map.of("SEARCH_REFRESH_INTERVAL", "100")))
        .hasMessage(
            "SEARCH_REFRESH_INTERVAL='100' is not valid: expected a duration such as 250ms, 15s,"
                + " 30m or 1h");
  }
}
