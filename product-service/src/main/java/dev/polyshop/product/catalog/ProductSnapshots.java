package dev.polyshop.product.catalog;

import com.google.protobuf.Timestamp;
import java.time.Instant;

/**
 * Converts products to the {@code polyshop.catalog.v1.Product} snapshots the change feed carries.
 */
final class ProductSnapshots {

  private ProductSnapshots() {}

  static dev.polyshop.catalog.v1.Product toProto(Product product) {
    return dev.polyshop.catalog.v1.Product.newBuilder()
        .setId(product.id().toString())
        .setSku(product.sku())
        .setName(product.name())
        .setDescription(product.description())
        .setCategory(product.category())
        .setBrand(product.brand())
        .setPrice(
            dev.polyshop.catalog.v1.Money.newBuilder()
                .setAmountMinor(product.price().amountMinor())
                .setCurrencyCode(product.price().currency()))
        .setStock(product.stock())
        .putAllAttributes(product.attributes())
        .setCreateTime(timestamp(product.createdAt()))
        .setUpdateTime(timestamp(product.updatedAt()))
        .setVersion(product.version())
        .build();
  }

  private static Timestamp timestamp(Instant instant) {
    return Timestamp.newBuilder()
        .setSeconds(instant.getEpochSecond())
        .setNanos(instant.getNano())
        .build();
  }
}
