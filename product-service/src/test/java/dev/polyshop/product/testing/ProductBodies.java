package dev.polyshop.product.testing;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Valid product request bodies for tests. */
public final class ProductBodies {

  private ProductBodies() {}

  /** A fresh SKU no other test uses. */
  public static String uniqueSku(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 13);
  }

  /** The fields of a valid product, mutable so tests can break or change one. */
  public static Map<String, Object> fields(String sku) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("sku", sku);
    fields.put("name", "Trail Runner 2");
    fields.put("description", "A light trail running shoe.");
    fields.put("category", "running-shoes");
    fields.put("brand", "Acme");
    fields.put("price", Map.of("amountMinor", 12_999, "currency", "EUR"));
    fields.put("stock", 7);
    fields.put("attributes", Map.of("size", "42"));
    return fields;
  }

  public static String json(Map<String, Object> fields) {
    return HttpApi.JSON.writeValueAsString(fields);
  }

  public static String body(String sku) {
    return json(fields(sku));
  }
}
