package dev.polyshop.product.catalog;

import com.google.protobuf.Timestamp;
import java.time.Instant;

/**
 * Converts products to the {@code polyshop.catalog.v1.Product} snapshots the change feed carries.
 */
final class ProductSnapshots {

  private ProductSnapshots() {}

  static dev.polyshop.catalog.v1.Product toProto(Product product) {
    ProductData data = product.data();
    return dev.polyshop.catalog.v1.Product.newBuilder()
        .setId(product.id().toString())
        .setSku(data.sku())
        .setName(data.name())
        .setDescription(data.description())
        .setCategory(data.category())
        .setBrand(data.brand())
        .setPrice(
            dev.polyshop.catalog.v1.Money.newBuilder()
                .setAmountMinor(data.price().amountMinor())
                .setCurrencyCode(data.price().currency()))
        .setStock(data.stock())
        .putAllAttributes(data.attributes())
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
