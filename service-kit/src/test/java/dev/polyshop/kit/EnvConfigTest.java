package dev.polyshop.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EnvConfigTest {

  private static EnvConfig env(String... pairs) {
    var map = new java.util.HashMap<String, String>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put(pairs[i], pairs[i + 1]);
    }
    return new EnvConfig(map);
  }

  @Test
  void unsetOrBlankKeys_takeTheirDefaults() {
    EnvConfig config = env("BLANK", "  ");

    assertThat(config.integer("BLANK", 7, 0, 10)).isEqualTo(7);
    assertThat(config.duration("UNSET", "15s")).isEqualTo(Duration.ofSeconds(15));
    assertThat(config.size("UNSET", "64m")).isEqualTo(64L << 20);
    assertThat(config.url("UNSET", "")).isEmpty();
    assertThat(config.optional("BLANK")).isEmpty();
    assertThat(config.secret("UNSET", 32)).isEmpty();
  }

  @Test
  void values_areReadInTheOneGrammar() {
    EnvConfig config =
        env(
            "N", " 1_000 ",
            "D", "250ms",
            "H", "1H",
            "S", "512k",
            "U", "http://product-service:8081",
            "P", "-1");

    assertThat(config.integer("N", 0, 0, 10_000)).isEqualTo(1_000);
    assertThat(config.duration("D", "1s")).isEqualTo(Duration.ofMillis(250));
    assertThat(config.duration("H", "1s")).isEqualTo(Duration.ofHours(1));
    assertThat(config.size("S", "1")).isEqualTo(512 * 1024);
    assertThat(config.httpUrl("U", "http://localhost:8081"))
        .isEqualTo(URI.create("http://product-service:8081"));
    assertThat(config.optionalPort("P", 9093)).isEqualTo(-1);
    assertThat(env("U", "").url("U", "http://localhost:8081")).as("set empty: off").isEmpty();
    assertThat(env().url("U", "http://localhost:8081"))
        .contains(URI.create("http://localhost:8081"));
  }

  @Test
  void ratios_areNumbersFromZeroToOne() {
    assertThat(env("R", "0.25").ratio("R", 1)).isEqualTo(0.25);
    assertThat(env().ratio("R", 1)).isEqualTo(1);
    assertThatThrownBy(() -> env("R", "25%").ratio("R", 1))
        .hasMessage("R='25%' is not valid: expected a number in 0..1 such as 0.1");
    assertThatThrownBy(() -> env("R", "1.5").ratio("R", 1))
        .hasMessageContaining("expected a number in 0..1");
  }

  @Test
  void invalidValues_failNamingTheKeyTheValueAndTheFormExpected() {
    assertThatThrownBy(() -> env("X", "15").duration("X", "1s"))
        .hasMessage("X='15' is not valid: expected a duration such as 250ms, 15s, 30m or 1h");
    assertThatThrownBy(
            () -> env("X", "31s").duration("X", "1s", Duration.ZERO, Duration.ofSeconds(30)))
        .hasMessage("X='31s' is not valid: expected a duration in 0s..30s");
    assertThatThrownBy(() -> env("X", "11").integer("X", 1, 0, 10))
        .hasMessage("X='11' is not valid: expected an integer in 0..10");
    assertThatThrownBy(() -> env("X", "-1").port("X", 1))
        .hasMessage("X='-1' is not valid: expected an integer in 0..65535");
    assertThatThrownBy(() -> env("X", "0k").size("X", "1"))
        .hasMessageContaining("X='0k' is not valid: expected a positive byte count");
    assertThatThrownBy(() -> env("X", "2m").size("X", "1", 1024))
        .hasMessage("X='2m' is not valid: expected at most 1024 bytes");
    assertThatThrownBy(() -> env("X", "redis://cache:6379").httpUrl("X", "http://a"))
        .hasMessage(
            "X='redis://cache:6379' is not valid: expected an http(s) URL such as http://host:port");
    assertThatThrownBy(() -> env("X", "not a url").url("X", ""))
        .hasMessageContaining("X='not a url' is not valid");
  }

  @Test
  void aShortSecret_failsWithoutEchoingIt() {
    assertThatThrownBy(() -> env("SECRET", "hunter2").secret("SECRET", 32))
        .hasMessage("SECRET is not valid: expected at least 32 bytes")
        .message()
        .doesNotContain("hunter2");
    assertThat(env("SECRET", "x".repeat(32)).secret("SECRET", 32))
        .isEqualTo(Optional.of("x".repeat(32)));
  }

  @Test
  void parseDuration_isTheSameGrammarOutsideAConfiguration() {
    assertThat(EnvConfig.parseDuration("10s")).isEqualTo(Duration.ofSeconds(10));
    assertThat(EnvConfig.parseDuration(" 30m ")).isEqualTo(Duration.ofMinutes(30));
    assertThatThrownBy(() -> EnvConfig.parseDuration("10"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
