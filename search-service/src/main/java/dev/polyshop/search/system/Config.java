package dev.polyshop.search.system;

import dev.polyshop.kit.EnvConfig;
import dev.polyshop.kit.GrpcConnections;
import dev.polyshop.kit.Tracing;
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
 * @param connections keep-alive and connection age of the gRPC server
 * @param tracing where spans go (the standard {@code OTEL_*} variables; off by default)
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
    Duration shutdownGrace,
    GrpcConnections connections,
    Tracing.Settings tracing) {

  public static Config fromEnvironment() {
    return from(System.getenv());
  }

  /** Reads the keys from {@code env}; a malformed value fails with the key's name. */
  public static Config from(Map<String, String> env) {
    var read = new EnvConfig(env);
    Duration shutdownGrace =
        read.duration("SEARCH_SHUTDOWN_GRACE", "10s", Duration.ZERO, Duration.ofMinutes(5));
    return new Config(
        read.port("SEARCH_GRPC_PORT", 9091),
        read.port("SEARCH_METRICS_PORT", 9191),
        read.httpUrl("PRODUCT_SERVICE_URL", "http://localhost:8081"),
        read.optional("SEARCH_INDEX_DIR").map(Path::of),
        new ApiLimits(
            read.integer("SEARCH_MAX_PAGE_SIZE", 100, 1, 1_000),
            read.integer("SEARCH_MAX_QUERY_LENGTH", 256, 1, 4_096),
            read.integer("SEARCH_MAX_FILTER_VALUES", 50, 1, 1_000)),
        read.duration(
            "SEARCH_REFRESH_INTERVAL", "100ms", Duration.ofMillis(10), Duration.ofMinutes(1)),
        read.duration("SEARCH_COMMIT_INTERVAL", "5s", Duration.ofMillis(100), Duration.ofHours(1)),
        read.integer("SEARCH_MAX_INBOUND_MESSAGE_BYTES", 1_048_576, 1_024, 16_777_216),
        read.integer("SEARCH_THREADS", Runtime.getRuntime().availableProcessors(), 1, 1_024),
        read.duration("SEARCH_FEED_WAIT", "20s", Duration.ZERO, Duration.ofSeconds(30)),
        shutdownGrace,
        GrpcConnections.read(
            read,
            "SEARCH_",
            new GrpcConnections(
                Duration.ofSeconds(60),
                Duration.ofSeconds(20),
                Duration.ofSeconds(30),
                Duration.ofMinutes(30),
                shutdownGrace)),
        Tracing.Settings.read(read, "search-service"));
  }
}
