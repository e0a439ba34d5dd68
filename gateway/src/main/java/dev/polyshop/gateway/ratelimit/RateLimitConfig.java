package dev.polyshop.gateway.ratelimit;

import dev.polyshop.gateway.edge.EdgeProperties;
import dev.polyshop.gateway.problem.ProblemWriter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.cloud.gateway.filter.ratelimit.RateLimiter;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;

/**
 * Chooses the bucket store: in memory by default, Redis (shared by all replicas) when configured.
 *
 * <p>Redis down: fail open. Spring Cloud Gateway's {@link RedisRateLimiter} lets requests through
 * when Redis errors, and {@code spring.data.redis.timeout} bounds how long it waits; an outage of
 * the limiter's store should not become an outage of the shop. The key is never empty (IP
 * fallback), so the "empty key → 403" default cannot trigger.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "polyshop.gateway.rate-limit.enabled", matchIfMissing = true)
class RateLimitConfig {

  private static final Logger log = LoggerFactory.getLogger(RateLimitConfig.class);

  @Bean
  ClientRateLimiter clientRateLimiter(
      RateLimitProperties properties,
      Environment environment,
      ApplicationContext context,
      MeterRegistry meters) {
    return new ClientRateLimiter(limiter(properties, environment, context), properties, meters);
  }

  @Bean
  @Order(0) // after Spring Security's chain (-100), so a JWT's subject is known
  RateLimitWebFilter rateLimitWebFilter(
      ClientRateLimiter limiter,
      RateLimitProperties properties,
      EdgeProperties edge,
      ProblemWriter problems) {
    return new RateLimitWebFilter(limiter, properties, edge.clientAddresses(), problems);
  }

  private static RateLimiter<?> limiter(
      RateLimitProperties properties, Environment environment, ApplicationContext context) {
    boolean redis =
        switch (properties.store()) {
          case REDIS -> true;
          case MEMORY -> false;
          case AUTO -> !environment.getProperty("spring.data.redis.url", "").isBlank();
        };
    log.info(
        "rate limit: {} tokens/s, burst {}, {} per request, buckets in {}",
        properties.replenishRate(),
        properties.burstCapacity(),
        properties.requestedTokens(),
        redis ? "Redis (fail-open)" : "memory");
    if (!redis) {
      return new TokenBucketRateLimiter(properties, System::nanoTime);
    }
    var limiter =
        new RedisRateLimiter(
            properties.replenishRate(), properties.burstCapacity(), properties.requestedTokens());
    limiter.setApplicationContext(context);
    return limiter;
  }
}
