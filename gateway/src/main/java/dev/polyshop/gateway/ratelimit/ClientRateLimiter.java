package dev.polyshop.gateway.ratelimit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.ratelimit.RateLimiter;
import reactor.core.publisher.Mono;

/** The per-client budget of the edge, shared by HTTP ({@code /api/**}) and native gRPC calls. */
public final class ClientRateLimiter {

  private static final Logger log = LoggerFactory.getLogger(ClientRateLimiter.class);
  static final String ROUTE_ID = "api";
  // Redis answers within spring.data.redis.timeout; this only guards against a hung store.
  private static final Duration BLOCKING_TIMEOUT = Duration.ofSeconds(2);

  private final RateLimiter<?> limiter;
  private final RateLimitProperties properties;
  private final Counter httpRejections;
  private final Counter grpcRejections;
  private final Counter failedOpen;

  ClientRateLimiter(RateLimiter<?> limiter, RateLimitProperties properties, MeterRegistry meters) {
    this.limiter = limiter;
    this.properties = properties;
    this.httpRejections = rejections(meters, "http");
    this.grpcRejections = rejections(meters, "grpc");
    this.failedOpen =
        Counter.builder("polyshop.gateway.rate.limit.failed.open")
            .description("Native gRPC calls let through because the limiter's store did not answer")
            .register(meters);
  }

  private static Counter rejections(MeterRegistry meters, String edge) {
    return Counter.builder("polyshop.gateway.rate.limit.rejections")
        .description("Requests refused for being over the client's budget, by edge (http, grpc)")
        .tag("edge", edge)
        .register(meters);
  }

  /** The key of a client with a valid token. */
  public static String subjectKey(String subject) {
    return "sub:" + subject;
  }

  /** The key of an anonymous client. */
  public static String addressKey(String address) {
    return "ip:" + address;
  }

  /** Takes one HTTP request's tokens. */
  Mono<RateLimiter.Response> check(String clientKey) {
    return limiter
        .isAllowed(ROUTE_ID, clientKey)
        .doOnNext(
            response -> {
              if (!response.isAllowed()) {
                httpRejections.increment();
              }
            });
  }

  /** Takes one request's tokens for a blocking caller; fails open like the HTTP side. */
  public boolean allows(String clientKey) {
    try {
      RateLimiter.Response response =
          limiter.isAllowed(ROUTE_ID, clientKey).block(BLOCKING_TIMEOUT);
      boolean allowed = response == null || response.isAllowed();
      if (!allowed) {
        grpcRejections.increment();
      }
      return allowed;
    } catch (RuntimeException e) {
      failedOpen.increment();
      log.warn("rate limiter unavailable, letting the call through: {}", e.toString());
      return true;
    }
  }

  /** Whole seconds until a denied client has a request's worth of tokens again. */
  public long retryAfterSeconds() {
    return properties.retryAfterSeconds();
  }
}
