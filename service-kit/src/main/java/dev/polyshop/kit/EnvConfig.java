package dev.polyshop.kit;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a lean service's configuration from environment variables, in one grammar for every
 * service: durations with a unit ({@code 250ms}, {@code 15s}, {@code 30m}, {@code 1h}), sizes with
 * an optional binary suffix ({@code 1048576}, {@code 512k}, {@code 64m}, {@code 1g}), integers
 * within bounds ({@code _} allowed as a separator), absolute URLs (an optional one is turned off by
 * an empty value), and ports where {@code 0} means any free port and {@code -1} turns an optional
 * port off. Otherwise an unset or blank key takes its default; an invalid value fails with the key,
 * the value (never a secret's) and the form expected.
 */
public final class EnvConfig {

  private static final Pattern DURATION = Pattern.compile("(\\d{1,12})(ms|s|m|h)");
  private static final Pattern SIZE = Pattern.compile("(\\d{1,12})(|k|m|g)");

  private final Map<String, String> env;

  public EnvConfig(Map<String, String> env) {
    this.env = env;
  }

  /** The process's environment. */
  public static EnvConfig fromEnvironment() {
    return new EnvConfig(System.getenv());
  }

  /** The trimmed value, or {@code fallback} when unset or blank. */
  public String string(String key, String fallback) {
    return optional(key).orElse(fallback);
  }

  /** The trimmed value; empty when unset or blank. */
  public Optional<String> optional(String key) {
    String value = env.get(key);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
  }

  /** A secret of at least {@code minBytes} UTF-8 bytes, taken as given; empty when unset. */
  public Optional<String> secret(String key, int minBytes) {
    String value = env.get(key);
    if (value == null || value.isEmpty()) {
      return Optional.empty();
    }
    if (value.getBytes(StandardCharsets.UTF_8).length < minBytes) {
      throw new IllegalArgumentException(
          key + " is not valid: expected at least " + minBytes + " bytes"); // never echoed
    }
    return Optional.of(value);
  }

  /** A port to listen on: 1..65535, or 0 for any free port. */
  public int port(String key, int fallback) {
    return integer(key, fallback, 0, 65_535);
  }

  /** A port that can be turned off: as {@link #port}, or -1 for off. */
  public int optionalPort(String key, int fallback) {
    return integer(key, fallback, -1, 65_535);
  }

  /** An integer in {@code min..max}. */
  public int integer(String key, int fallback, int min, int max) {
    String value = string(key, Integer.toString(fallback));
    try {
      int parsed = Integer.parseInt(value.replace("_", ""));
      if (parsed >= min && parsed <= max) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw invalid(key, value, "an integer in " + min + ".." + max);
  }

  /** A share such as {@code 0.1}: a decimal number in 0..1. */
  public double ratio(String key, double fallback) {
    String value = string(key, Double.toString(fallback));
    try {
      double parsed = Double.parseDouble(value);
      if (parsed >= 0 && parsed <= 1) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw invalid(key, value, "a number in 0..1 such as 0.1");
  }

  /**
   * An optional absolute URL such as {@code http://host:port}: unset takes {@code fallback}, and an
   * empty value (set, or the fallback) turns it off.
   */
  public Optional<URI> url(String key, String fallback) {
    String raw = env.get(key);
    String value = raw == null ? fallback : raw.strip();
    if (value.isEmpty()) {
      return Optional.empty();
    }
    try {
      URI uri = URI.create(value);
      if (uri.getScheme() != null && uri.getHost() != null) {
        return Optional.of(uri);
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    throw invalid(key, value, "an absolute URL such as http://host:port, or empty");
  }

  /** An http or https URL (required: {@code fallback} is the default). */
  public URI httpUrl(String key, String fallback) {
    String value = string(key, fallback);
    Optional<URI> uri = value.isEmpty() ? Optional.empty() : url(key, value);
    if (uri.isPresent() && uri.get().getScheme().matches("https?")) {
      return uri.get();
    }
    throw invalid(key, value, "an http(s) URL such as http://host:port");
  }

  /** A duration such as {@code 250ms}, {@code 15s}, {@code 30m} or {@code 1h}. */
  public Duration duration(String key, String fallback) {
    String value = string(key, fallback);
    try {
      return parseDuration(value);
    } catch (IllegalArgumentException e) {
      throw invalid(key, value, "a duration such as 250ms, 15s, 30m or 1h");
    }
  }

  /** A duration within {@code min..max}. */
  public Duration duration(String key, String fallback, Duration min, Duration max) {
    Duration duration = duration(key, fallback);
    if (duration.compareTo(min) < 0 || duration.compareTo(max) > 0) {
      throw invalid(key, string(key, fallback), "a duration in " + show(min) + ".." + show(max));
    }
    return duration;
  }

  /** A positive byte count such as {@code 1048576}, {@code 512k}, {@code 64m} or {@code 1g}. */
  public long size(String key, String fallback) {
    String value = string(key, fallback);
    Matcher m = SIZE.matcher(value.toLowerCase(Locale.ROOT));
    if (!m.matches() || Long.parseLong(m.group(1)) < 1) {
      throw invalid(key, value, "a positive byte count such as 1048576, 512k, 64m or 1g");
    }
    int shift =
        switch (m.group(2)) {
          case "k" -> 10;
          case "m" -> 20;
          case "g" -> 30;
          default -> 0;
        };
    return Long.parseLong(m.group(1)) << shift;
  }

  /** A byte count of at most {@code max}. */
  public long size(String key, String fallback, long max) {
    long size = size(key, fallback);
    if (size > max) {
      throw invalid(key, string(key, fallback), "at most " + max + " bytes");
    }
    return size;
  }

  /**
   * Parses the duration grammar ({@code <digits><ms|s|m|h>}) outside a configuration, e.g. for
   * checks over rendered manifests.
   */
  public static Duration parseDuration(String text) {
    Matcher m = DURATION.matcher(text.strip().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException("not a duration such as 250ms, 15s, 30m or 1h: " + text);
    }
    long amount = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(amount);
      case "s" -> Duration.ofSeconds(amount);
      case "m" -> Duration.ofMinutes(amount);
      default -> Duration.ofHours(amount);
    };
  }

  private static String show(Duration duration) {
    long millis = duration.toMillis();
    if (millis % 3_600_000 == 0 && millis > 0) {
      return millis / 3_600_000 + "h";
    }
    if (millis % 60_000 == 0 && millis > 0) {
      return millis / 60_000 + "m";
    }
    return millis % 1_000 == 0 ? millis / 1_000 + "s" : millis + "ms";
  }

  private static IllegalArgumentException invalid(String key, String value, String expected) {
    return new IllegalArgumentException(
        key + "='" + value + "' is not valid: expected " + expected);
  }
}
