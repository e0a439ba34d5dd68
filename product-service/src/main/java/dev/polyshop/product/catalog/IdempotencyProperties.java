package dev.polyshop.product.catalog;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code Idempotency-Key} handling on {@code POST /products}.
 *
 * @param ttl how long a key and its stored response are kept
 * @param inFlightTimeout after this, a key whose first request never finished may be reused
 * @param cleanupInterval how often expired keys are deleted
 */
@ConfigurationProperties("polyshop.idempotency")
record IdempotencyProperties(Duration ttl, Duration inFlightTimeout, Duration cleanupInterval) {}
