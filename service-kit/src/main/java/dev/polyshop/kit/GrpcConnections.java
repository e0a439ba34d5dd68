package dev.polyshop.kit;

import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * How a lean service's gRPC server treats its connections: keep-alive pings find dead peers and
 * keep idle connections open through proxies, clients may ping as often as {@code
 * permitKeepAliveTime} (also between calls), and connections are rotated after {@code
 * maxConnectionAge} so that clients re-resolve and spread over new replicas.
 */
public record GrpcConnections(
    Duration keepAliveTime,
    Duration keepAliveTimeout,
    Duration permitKeepAliveTime,
    Duration maxConnectionAge,
    Duration maxConnectionAgeGrace) {

  /**
   * Reads {@code <prefix>KEEPALIVE_TIME}, {@code <prefix>KEEPALIVE_TIMEOUT}, {@code
   * <prefix>PERMIT_KEEPALIVE_TIME}, {@code <prefix>MAX_CONNECTION_AGE} and {@code
   * <prefix>MAX_CONNECTION_AGE_GRACE}, each defaulting to the service's own {@code defaults}.
   */
  public static GrpcConnections read(EnvConfig env, String prefix, GrpcConnections defaults) {
    return new GrpcConnections(
        env.duration(prefix + "KEEPALIVE_TIME", show(defaults.keepAliveTime())),
        env.duration(prefix + "KEEPALIVE_TIMEOUT", show(defaults.keepAliveTimeout())),
        env.duration(prefix + "PERMIT_KEEPALIVE_TIME", show(defaults.permitKeepAliveTime())),
        env.duration(prefix + "MAX_CONNECTION_AGE", show(defaults.maxConnectionAge())),
        env.duration(prefix + "MAX_CONNECTION_AGE_GRACE", show(defaults.maxConnectionAgeGrace())));
  }

  /** Applies these settings to {@code builder}. */
  public NettyServerBuilder applyTo(NettyServerBuilder builder) {
    return builder
        .keepAliveTime(keepAliveTime.toMillis(), TimeUnit.MILLISECONDS)
        .keepAliveTimeout(keepAliveTimeout.toMillis(), TimeUnit.MILLISECONDS)
        .permitKeepAliveTime(permitKeepAliveTime.toMillis(), TimeUnit.MILLISECONDS)
        .permitKeepAliveWithoutCalls(true)
        .maxConnectionAge(maxConnectionAge.toMillis(), TimeUnit.MILLISECONDS)
        .maxConnectionAgeGrace(maxConnectionAgeGrace.toMillis(), TimeUnit.MILLISECONDS);
  }

  private static String show(Duration duration) {
    return duration.toMillis() + "ms";
  }
}
