package dev.polyshop.product.catalog;

import dev.polyshop.product.problem.ReadOnlyFields;
import java.util.Map;

/**
 * A product request body (POST, PUT, and a PATCH after merging). Every field is nullable here so
 * that {@link ProductValidator} can report each missing one; unknown fields fail parsing.
 */
@ReadOnlyFields({"id", "createdAt", "updatedAt", "version"})
record ProductInput(
    String sku,
    String name,
    String description,
    String category,
    String brand,
    Price price,
    Long stock,
    Map<String, String> attributes) {

  record Price(Long amountMinor, String currency) {}

  static ProductInput of(ProductData data) {
    return new ProductInput(
        data.sku(),
        data.name(),
        data.description(),
        data.category(),
        data.brand(),
        new Price(data.price().amountMinor(), data.price().currency()),
        data.stock(),
        data.attributes());
  }
}
