package dev.polyshop.gateway.ratelimit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Per-client token bucket for {@code /api/**}. A client is the JWT subject when the request carries
 * a valid token, else the client IP address.
 *
 * @param enabled whether to limit at all
 * @param store {@code auto} (Redis when {@code spring.data.redis.url} is set, else memory), {@code
 *     memory} (per gateway instance) or {@code redis} (shared by all instances)
 * @param replenishRate tokens added per second
 * @param burstCapacity bucket size: the largest burst a client may send at once
 * @param requestedTokens tokens one request costs (raise it to allow less than one request per
 *     second)
 */
@ConfigurationProperties("polyshop.gateway.rate-limit")
public record RateLimitProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("auto") Store store,
    @DefaultValue("50") int replenishRate,
    @DefaultValue("100") long burstCapacity,
    @DefaultValue("1") int requestedTokens) {

  /** Where buckets live. */
  public enum Store {
    AUTO,
    MEMORY,
    REDIS
  }

  /** Whole seconds until a denied client has a request's worth of tokens again (at least 1). */
  long retryAfterSeconds() {
    return Math.max(1, (requestedTokens + replenishRate - 1) / replenishRate);
  }
}
