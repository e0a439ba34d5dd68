package dev.polyshop.gateway.products;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Configures the {@code products} breaker used by the {@code CircuitBreaker} filter of the product
 * routes (application.yaml). Timeouts are the HTTP client's job (no Resilience4J time limiter).
 */
@Configuration(proxyBeanMethods = false)
class ProductsBreakerConfig {

  static final String BREAKER = "products";

  @Bean
  Customizer<ReactiveResilience4JCircuitBreakerFactory> productsBreaker(BreakerProperties breaker) {
    var config =
        CircuitBreakerConfig.custom()
            .failureRateThreshold(breaker.failureRateThreshold())
            .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
            .slidingWindowSize(breaker.slidingWindowSize())
            .minimumNumberOfCalls(breaker.minimumNumberOfCalls())
            .waitDurationInOpenState(breaker.waitInOpenState())
            .permittedNumberOfCallsInHalfOpenState(breaker.permittedCallsInHalfOpenState())
            .automaticTransitionFromOpenToHalfOpenEnabled(false)
            .build();
    return factory -> factory.configure(builder -> builder.circuitBreakerConfig(config), BREAKER);
  }
}
