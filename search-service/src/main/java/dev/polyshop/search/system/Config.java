package dev.polyshop.search.system;

import dev.polyshop.search.api.ApiLimits;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Everything search-service reads from its environment, with the defaults documented in the module
 * README.
 *
 * @param indexDir where the index lives; empty keeps it in memory (rebuilt on every start)
 * @param refreshInterval how often applied changes are made searchable
 * @param commitInterval how often a changed on-disk index is committed with its feed cursor
 * @param searchThreads size of the pool running calls; search is CPU-bound, so one per core
 * @param feedLongPoll how long product-service may hold a feed request once caught up
 * @param shutdownGrace how long in-flight calls may finish after shutdown begins
 */
public record Config(
    int grpcPort,
    int metricsPort,
    URI productServiceUrl,
    Optional<Path> indexDir,
    ApiLimits limits,
    Duration refreshInterval,
    Duration commitInterval,
    int maxInboundMessageBytes,
    int searchThreads,
    Duration feedLongPoll,
    Duration shutdownGrace) {

  public static Config fromEnvironment() {
    return from(System.getenv());
  }

  /** Reads the keys from {@code env}; a malformed value fails with the key's name. */
  public static Config from(Map<String, String> env) {
    var read = new EnvReader(env);
    return new Config(
        read.integer("SEARCH_GRPC_PORT", 9091, 0, 65_535),
        read.integer("SEARCH_METRICS_PORT", 9191, 0, 65_535),
        read.uri("PRODUCT_SERVICE_URL", "http://localhost:8081"),
        read.optional("SEARCH_INDEX_DIR").map(Path::of),
        new ApiLimits(
            read.integer("SEARCH_MAX_PAGE_SIZE", 100, 1, 1_000),
            read.integer("SEARCH_MAX_QUERY_LENGTH", 256, 1, 4_096),
            read.integer("SEARCH_MAX_FILTER_VALUES", 50, 1, 1_000)),
        Duration.ofMillis(read.integer("SEARCH_REFRESH_INTERVAL_MS", 100, 10, 60_000)),
        Duration.ofMillis(read.integer("SEARCH_COMMIT_INTERVAL_MS", 5_000, 100, 3_600_000)),
        read.integer("SEARCH_MAX_INBOUND_MESSAGE_BYTES", 1_048_576, 1_024, 16_777_216),
        read.integer("SEARCH_THREADS", Runtime.getRuntime().availableProcessors(), 1, 1_024),
        Duration.ofSeconds(read.integer("SEARCH_FEED_WAIT_SECONDS", 20, 0, 30)),
        Duration.ofSeconds(read.integer("SEARCH_SHUTDOWN_GRACE_SECONDS", 10, 0, 300)));
  }

  /** Parses environment values, naming the key in every error. */
  private record EnvReader(Map<String, String> env) {

    Optional<String> optional(String key) {
      String value = env.get(key);
      return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    int integer(String key, int fallback, int min, int max) {
      Optional<String> value = optional(key);
      if (value.isEmpty()) {
        return fallback;
      }
      try {
        int parsed = Integer.parseInt(value.get());
        if (parsed >= min && parsed <= max) {
          return parsed;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw new IllegalArgumentException(
          key + " must be an integer in " + min + ".." + max + ", got '" + value.get() + "'");
    }

    URI uri(String key, String fallback) {
      String value = optional(key).orElse(fallback);
      try {
        URI uri = URI.create(value);
        if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
            && uri.getHost() != null) {
          return uri;
        }
      } catch (IllegalArgumentException e) {
        // reported below
      }
      throw new IllegalArgumentException(key + " must be an http(s) URL, got '" + value + "'");
    }
  }
}
