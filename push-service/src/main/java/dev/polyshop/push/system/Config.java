package dev.polyshop.push.system;

import dev.polyshop.kit.EnvConfig;
import dev.polyshop.kit.GrpcConnections;
import dev.polyshop.kit.Tracing;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Everything push-service reads from its environment; each key, its default and its meaning are
 * listed in the module README.
 */
public record Config(
    int grpcPort,
    int internalGrpcPort,
    Optional<String> publisherJwtSecret,
    int metricsPort,
    Optional<URI> productServiceUrl,
    Optional<URI> redisUrl,
    String redisStream,
    long redisMaxBytes,
    Duration redisMaxAge,
    int maxEventBytes,
    Duration heartbeatInterval,
    int subscriberQueue,
    int retainedEvents,
    long retainedBytes,
    int maxSubscribers,
    int maxCallsPerConnection,
    GrpcConnections connections,
    Duration shutdownGrace,
    Duration feedWait,
    int deliveryThreads,
    Tracing.Settings tracing) {

  // Streams are long-lived: pings every 30 s keep idle ones open through proxies and NAT.
  private static final GrpcConnections CONNECTIONS =
      new GrpcConnections(
          Duration.ofSeconds(30),
          Duration.ofSeconds(10),
          Duration.ofSeconds(10),
          Duration.ofMinutes(30),
          Duration.ofMinutes(10));
  // Within the 256 KiB inbound message limit, with room for topic and type.
  private static final long MAX_EVENT_BYTES = 192 * 1024;
  // Bytes Redis may spend on one stream entry besides its data: topic (128), type (64), field
  // names, listpack and node headers; then a quarter more for allocator size classes.
  private static final long ENTRY_OVERHEAD = 1_024;
  // Approximate trimming (MAXLEN ~) keeps up to one macro node (100 entries by default) extra.
  private static final long TRIM_SLACK = 100;

  /**
   * The Redis stream's MAXLEN: {@code PUSH_RETAINED_EVENTS}, lowered so that even entries of the
   * largest allowed size fit in {@code PUSH_REDIS_MAX_BYTES}.
   */
  public long redisMaxLength() {
    return Math.min(retainedEvents, redisMaxBytes / redisEntryBytes() - TRIM_SLACK);
  }

  /** The most memory one stream entry of the largest allowed event can take in Redis. */
  long redisEntryBytes() {
    return (maxEventBytes + ENTRY_OVERHEAD) * 5 / 4;
  }

  public static Config fromEnvironment() {
    return from(System.getenv());
  }

  /** Reads the keys from {@code env}; unset keys take their defaults, a malformed value fails. */
  public static Config from(Map<String, String> env) {
    var r = new EnvConfig(env);
    Config config =
        new Config(
            r.port("PUSH_GRPC_PORT", 9092),
            r.optionalPort("PUSH_INTERNAL_GRPC_PORT", 9093),
            r.secret("PUSH_PUBLISHER_JWT_SECRET", 32),
            r.optionalPort("PUSH_METRICS_PORT", 9192),
            r.url("PRODUCT_SERVICE_URL", "http://localhost:8081"),
            r.url("PUSH_REDIS_URL", ""),
            r.string("PUSH_REDIS_STREAM", "polyshop:push:events"),
            r.size("PUSH_REDIS_MAX_BYTES", "128m"),
            r.duration("PUSH_REDIS_MAX_AGE", "24h"),
            (int) r.size("PUSH_MAX_EVENT_BYTES", "64k", MAX_EVENT_BYTES),
            r.duration("PUSH_HEARTBEAT_INTERVAL", "15s"),
            r.integer("PUSH_SUBSCRIBER_QUEUE", 256, 1, 65_536),
            r.integer("PUSH_RETAINED_EVENTS", 100_000, 1, 10_000_000),
            r.size("PUSH_RETAINED_BYTES", "64m"),
            r.integer("PUSH_MAX_SUBSCRIBERS", 150_000, 1, 10_000_000),
            r.integer("PUSH_MAX_CALLS_PER_CONNECTION", 2_000, 1, 1_000_000),
            GrpcConnections.read(r, "PUSH_", CONNECTIONS),
            r.duration("PUSH_SHUTDOWN_GRACE", "5s"),
            r.duration("PUSH_FEED_WAIT", "20s"),
            r.integer(
                "PUSH_DELIVERY_THREADS", Runtime.getRuntime().availableProcessors(), 1, 1_024),
            Tracing.Settings.read(r, "push-service"));
    if (config.redisMaxBytes() / config.redisEntryBytes() <= TRIM_SLACK) {
      throw new IllegalArgumentException(
          "PUSH_REDIS_MAX_BYTES="
              + config.redisMaxBytes()
              + " is not valid: it must hold more than "
              + TRIM_SLACK
              + " entries of PUSH_MAX_EVENT_BYTES="
              + config.maxEventBytes()
              + " ("
              + config.redisEntryBytes()
              + " bytes each in Redis)");
    }
    return config;
  }
}
