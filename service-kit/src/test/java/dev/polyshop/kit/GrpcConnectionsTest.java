package dev.polyshop.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GrpcConnectionsTest {

  private static final GrpcConnections DEFAULTS =
      new GrpcConnections(
          Duration.ofSeconds(60),
          Duration.ofSeconds(20),
          Duration.ofSeconds(30),
          Duration.ofMinutes(30),
          Duration.ofMillis(1500));

  @Test
  void unsetKeys_keepTheServicesDefaults() {
    assertThat(GrpcConnections.read(new EnvConfig(Map.of()), "SVC_", DEFAULTS)).isEqualTo(DEFAULTS);
  }

  @Test
  void eachKeyUnderThePrefix_overridesItsSetting() {
    var env =
        new EnvConfig(
            Map.of(
                "SVC_KEEPALIVE_TIME", "15s",
                "SVC_KEEPALIVE_TIMEOUT", "5s",
                "SVC_PERMIT_KEEPALIVE_TIME", "1s",
                "SVC_MAX_CONNECTION_AGE", "1h",
                "SVC_MAX_CONNECTION_AGE_GRACE", "2m",
                "OTHER_KEEPALIVE_TIME", "1s"));

    assertThat(GrpcConnections.read(env, "SVC_", DEFAULTS))
        .isEqualTo(
            new GrpcConnections(
                Duration.ofSeconds(15),
                Duration.ofSeconds(5),
                Duration.ofSeconds(1),
                Duration.ofHours(1),
                Duration.ofMinutes(2)));
  }

  @Test
  void aMalformedValue_namesItsFullKey() {
    var env = new EnvConfig(Map.of("SVC_MAX_CONNECTION_AGE", "30"));

    assertThatThrownBy(() -> GrpcConnections.read(env, "SVC_", DEFAULTS))
        .hasMessageStartingWith("SVC_MAX_CONNECTION_AGE='30' is not valid");
  }
}
