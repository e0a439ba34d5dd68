package dev.polyshop.gateway.products;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The circuit breaker in front of product-service (connection failures and timeouts count).
 *
 * @param failureRateThreshold percentage of failed calls that opens the breaker
 * @param slidingWindowSize calls the failure rate is computed over
 * @param minimumNumberOfCalls calls needed before the rate is judged at all
 * @param waitInOpenState how long an open breaker answers 503 at once before probing again
 * @param permittedCallsInHalfOpenState probe calls that decide between closing and reopening
 */
@ConfigurationProperties("polyshop.gateway.products.breaker")
public record BreakerProperties(
    @DefaultValue("50") float failureRateThreshold,
    @DefaultValue("20") int slidingWindowSize,
    @DefaultValue("10") int minimumNumberOfCalls,
    @DefaultValue("10s") Duration waitInOpenState,
    @DefaultValue("3") int permittedCallsInHalfOpenState) {}
