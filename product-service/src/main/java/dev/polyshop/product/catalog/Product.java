package dev.polyshop.product.catalog;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.Instant;
import java.util.UUID;

/**
 * A product as the API returns it: the client-writable {@link ProductData}, unwrapped into the same
 * JSON object, between its id and the server's timestamps; {@code version} is also its ETag.
 */
public record Product(
    UUID id, @JsonUnwrapped ProductData data, Instant createdAt, Instant updatedAt, long version) {}
