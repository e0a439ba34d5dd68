package dev.polyshop.product.catalog;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The client-writable state of a product, already validated (see {@link ProductValidator});
 * attributes are kept sorted so that equal data always serialises the same way.
 */
public record ProductData(
    String sku,
    String name,
    String description,
    String category,
    String brand,
    Money price,
    long stock,
    Map<String, String> attributes) {

  public ProductData {
    attributes = Collections.unmodifiableMap(new TreeMap<>(attributes));
  }
}
