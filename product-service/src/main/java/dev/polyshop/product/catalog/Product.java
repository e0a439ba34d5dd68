package dev.polyshop.product.catalog;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A product as the API returns it; {@code version} is also its ETag. */
public record Product(
    UUID id,
    String sku,
    String name,
    String description,
    String category,
    String brand,
    Money price,
    long stock,
    Map<String, String> attributes,
    Instant createdAt,
    Instant updatedAt,
    long version) {

  /** The fields a client may write. */
  ProductData data() {
    return new ProductData(sku, name, description, category, brand, price, stock, attributes);
  }
}
