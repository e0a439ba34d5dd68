package dev.polyshop.push.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigTest {

  @Test
  void fromEnv_empty_usesDocumentedDefaults() {
    Config config = Config.from(Map.of());

    assertThat(config.grpcPort()).isEqualTo(9092);
    assertThat(config.metricsPort()).isEqualTo(9192);
    assertThat(config.productServiceUrl()).contains(URI.create("http://localhost:8081"));
    assertThat(config.redisUrl()).isEmpty();
    assertThat(config.heartbeatInterval()).isEqualTo(Duration.ofSeconds(15));
    assertThat(config.subscriberQueue()).isEqualTo(256);
    assertThat(config.retainedEvents()).isEqualTo(100_000);
    assertThat(config.retainedBytes()).isEqualTo(64L << 20);
    assertThat(config.maxCallsPerConnection()).isEqualTo(2_000);
    assertThat(config.connections().maxConnectionAge()).isEqualTo(Duration.ofMinutes(30));
    assertThat(config.connections().maxConnectionAgeGrace()).isEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void fromEnv_parsesDurationsSizesAndUrls() {
    Config config =
        Config.from(
            Map.of(
                "PUSH_HEARTBEAT_INTERVAL", "250ms",
                "PUSH_RETAINED_BYTES", "512k",
                "PUSH_REDIS_URL", "redis://cache:6379",
                "PRODUCT_SERVICE_URL", ""));

    assertThat(config.heartbeatInterval()).isEqualTo(Duration.ofMillis(250));
    assertThat(config.retainedBytes()).isEqualTo(512 * 1024);
    assertThat(config.redisUrl()).contains(URI.create("redis://cache:6379"));
    assertThat(config.productServiceUrl()).isEmpty();
  }

  @Test
  void redisStream_evenOfLargestEvents_fitsItsMemoryBudget_includingApproximateTrimSlack() {
    for (String[] sizes :
        new String[][] {
          {"128m", "64k"}, {"64m", "192k"}, {"1g", "1"}, {"1m", "4k"}, {"16g", "1k"}
        }) {
      Config config =
          Config.from(
              Map.of(
                  "PUSH_REDIS_MAX_BYTES", sizes[0],
                  "PUSH_MAX_EVENT_BYTES", sizes[1],
                  "PUSH_RETAINED_EVENTS", "10000000"));
      // MAXLEN ~ may keep up to 100 entries more; each holds data, topic (128) and type (64).
      long worstCase = (config.redisMaxLength() + 100) * (config.maxEventBytes() + 128 + 64);

      assertThat(worstCase).as("%s", (Object) sizes).isLessThanOrEqualTo(config.redisMaxBytes());
      assertThat(config.redisMaxLength()).isPositive();
    }
    assertThat(Config.from(Map.of()).redisMaxLength()).isEqualTo(1_513);
    assertThat(Config.from(Map.of("PUSH_MAX_EVENT_BYTES", "4k")).redisMaxLength())
        .isEqualTo(20_871);
  }

  @Test
  void fromEnv_redisBudgetTooSmallForTheEventCap_orEventCapTooLarge_stopsStartup() {
    assertThatThrownBy(
            () -> Config.from(Map.of("PUSH_REDIS_MAX_BYTES", "1m", "PUSH_MAX_EVENT_BYTES", "64k")))
        .hasMessageContaining("PUSH_REDIS_MAX_BYTES=1048576 is not valid");
    assertThatThrownBy(() -> Config.from(Map.of("PUSH_MAX_EVENT_BYTES", "193k")))
        .hasMessageContaining("PUSH_MAX_EVENT_BYTES='193k'");
  }

  @Test
  void fromEnv_badValue_namesTheKeyAndTheExpectedForm() {
    assertThatThrownBy(() -> Config.from(Map.of("PUSH_HEARTBEAT_INTERVAL", "soon")))
        .hasMessageContaining("PUSH_HEARTBEAT_INTERVAL='soon'")
        .hasMessageContaining("duration");
    assertThatThrownBy(() -> Config.from(Map.of("PUSH_SUBSCRIBER_QUEUE", "0")))
        .hasMessageContaining("PUSH_SUBSCRIBER_QUEUE");
  }
}
