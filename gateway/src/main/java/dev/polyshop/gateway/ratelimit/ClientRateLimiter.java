package dev.polyshop.gateway.ratelimit;

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

  ClientRateLimiter(RateLimiter<?> limiter, RateLimitProperties properties) {
    this.limiter = limiter;
    this.properties = properties;
  }

  /** The key of a client with a valid token. */
  public static String subjectKey(String subject) {
    return "sub:" + subject;
  }

  /** The key of an anonymous client. */
  public static String addressKey(String address) {
    return "ip:" + address;
  }

  Mono<RateLimiter.Response> check(String clientKey) {
    return limiter.isAllowed(ROUTE_ID, clientKey);
  }

  /** Takes one request's tokens for a blocking caller; fails open like the HTTP side. */
  public boolean allows(String clientKey) {
    try {
      RateLimiter.Response response = check(clientKey).block(BLOCKING_TIMEOUT);
      return response == null || response.isAllowed();
    } catch (RuntimeException e) {
      log.warn("rate limiter unavailable, letting the call through: {}", e.toString());
      return true;
    }
  }

  /** Whole seconds until a denied client has a request's worth of tokens again. */
  public long retryAfterSeconds() {
    return properties.retryAfterSeconds();
  }
}
