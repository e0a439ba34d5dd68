package dev.polyshop.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TokenBucketRateLimiterTest {

  private final AtomicLong now = new AtomicLong(1_000);

  private TokenBucketRateLimiter limiter(int rate, long burst, int cost) {
    return new TokenBucketRateLimiter(
        new RateLimitProperties(true, RateLimitProperties.Store.MEMORY, rate, burst, cost),
        now::get);
  }

  @Test
  void burst_allowsExactlyCapacity_thenDenies() {
    var limiter = limiter(10, 5, 1);

    long allowed = countAllowed(limiter, "a", 8);

    assertThat(allowed).isEqualTo(5);
  }

  @Test
  void tokens_refillAtTheReplenishRate_upToCapacity() {
    var limiter = limiter(10, 5, 1);
    countAllowed(limiter, "a", 5);

    now.addAndGet(TimeUnit.MILLISECONDS.toNanos(300)); // 3 tokens
    assertThat(countAllowed(limiter, "a", 10)).isEqualTo(3);

    now.addAndGet(TimeUnit.SECONDS.toNanos(60)); // capped at 5
    assertThat(countAllowed(limiter, "a", 10)).isEqualTo(5);
  }

  @Test
  void clients_haveSeparateBuckets() {
    var limiter = limiter(1, 2, 1);
    countAllowed(limiter, "a", 5);

    assertThat(countAllowed(limiter, "b", 5)).isEqualTo(2);
  }

  @Test
  void requestedTokens_allowsLessThanOneRequestPerSecond() {
    var limiter = limiter(1, 120, 60); // two requests, then one a minute
    assertThat(countAllowed(limiter, "a", 5)).isEqualTo(2);

    now.addAndGet(TimeUnit.SECONDS.toNanos(59));
    assertThat(countAllowed(limiter, "a", 1)).isZero();
    now.addAndGet(TimeUnit.SECONDS.toNanos(1));
    assertThat(countAllowed(limiter, "a", 1)).isEqualTo(1);
  }

  @Test
  void refilledBuckets_areSwept_soMemoryStaysBounded() {
    var limiter = limiter(1000, 1, 1);
    for (int i = 0; i <= TokenBucketRateLimiter.SWEEP_THRESHOLD; i++) {
      limiter.tryAcquire("client-" + i);
    }
    now.addAndGet(TimeUnit.SECONDS.toNanos(1));

    limiter.tryAcquire("one-more");

    assertThat(limiter.bucketCount()).isLessThan(10);
  }

  private static long countAllowed(TokenBucketRateLimiter limiter, String key, int requests) {
    long allowed = 0;
    for (int i = 0; i < requests; i++) {
      if (limiter.tryAcquire(key).isAllowed()) {
        allowed++;
      }
    }
    return allowed;
  }
}
