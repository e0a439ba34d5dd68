package dev.polyshop.gateway.ratelimit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.springframework.cloud.gateway.filter.ratelimit.RateLimiter;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import reactor.core.publisher.Mono;

/**
 * In-memory token buckets, one per client key, with the semantics (and response headers) of Spring
 * Cloud Gateway's {@link RedisRateLimiter}: buckets start full, refill continuously.
 *
 * <p>Memory stays bounded: buckets that have refilled completely are indistinguishable from new
 * ones and are swept once the map grows past {@link #SWEEP_THRESHOLD}.
 */
final class TokenBucketRateLimiter implements RateLimiter<RateLimitProperties> {

  static final int SWEEP_THRESHOLD = 10_000;

  private final RateLimitProperties config;
  private final double tokensPerNano;
  private final LongSupplier nanoClock;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  TokenBucketRateLimiter(RateLimitProperties config, LongSupplier nanoClock) {
    this.config = config;
    this.tokensPerNano = config.replenishRate() / 1e9;
    this.nanoClock = nanoClock;
  }

  @Override
  public Mono<Response> isAllowed(String routeId, String id) {
    return Mono.fromSupplier(() -> tryAcquire(id));
  }

  Response tryAcquire(String key) {
    long now = nanoClock.getAsLong();
    if (buckets.size() > SWEEP_THRESHOLD) {
      buckets.values().removeIf(bucket -> bucket.isFull(now));
    }
    Bucket bucket =
        buckets.computeIfAbsent(key, ignored -> new Bucket(config.burstCapacity(), now));
    long remaining = bucket.take(now);
    boolean allowed = remaining >= 0;
    var headers =
        Map.of(
            RedisRateLimiter.REMAINING_HEADER, Long.toString(Math.max(remaining, 0)),
            RedisRateLimiter.REPLENISH_RATE_HEADER, Integer.toString(config.replenishRate()),
            RedisRateLimiter.BURST_CAPACITY_HEADER, Long.toString(config.burstCapacity()),
            RedisRateLimiter.REQUESTED_TOKENS_HEADER, Integer.toString(config.requestedTokens()));
    return new Response(allowed, headers);
  }

  int bucketCount() {
    return buckets.size();
  }

  @Override
  public Map<String, RateLimitProperties> getConfig() {
    return Map.of();
  }

  @Override
  public Class<RateLimitProperties> getConfigClass() {
    return RateLimitProperties.class;
  }

  @Override
  public RateLimitProperties newConfig() {
    return config;
  }

  private final class Bucket {
    private double tokens;
    private long refilledAt;

    Bucket(double tokens, long now) {
      this.tokens = tokens;
      this.refilledAt = now;
    }

    /** Takes a request's tokens; returns the whole tokens left, or -1 when there were too few. */
    synchronized long take(long now) {
      refill(now);
      if (tokens < config.requestedTokens()) {
        return -1;
      }
      tokens -= config.requestedTokens();
      return (long) tokens;
    }

    synchronized boolean isFull(long now) {
      refill(now);
      return tokens >= config.burstCapacity();
    }

    private void refill(long now) {
      long elapsed = Math.max(0, now - refilledAt);
      tokens = Math.min(config.burstCapacity(), tokens + elapsed * tokensPerNano);
      refilledAt = now;
    }
  }
}
