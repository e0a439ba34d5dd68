package dev.polyshop.search.testing;

import com.google.protobuf.Timestamp;
import dev.polyshop.catalog.v1.ChangeEvent;
import dev.polyshop.catalog.v1.Money;
import dev.polyshop.catalog.v1.Product;
import dev.polyshop.catalog.v1.ProductDeleted;
import java.util.List;

/** Products and change events for tests, plus a fixed small catalog with known answers. */
public final class CatalogFixtures {

  private CatalogFixtures() {}

  /** A product with every field set: stock 1, version 1, USD 10.00 unless changed. */
  public static Product.Builder product(String id, String name) {
    return Product.newBuilder()
        .setId(id)
        .setSku("SKU-" + id)
        .setName(name)
        .setDescription("")
        .setCategory("misc")
        .setBrand("Generic")
        .setPrice(usd(1_000))
        .setStock(1)
        .setCreateTime(Timestamp.newBuilder().setSeconds(1_700_000_000))
        .setUpdateTime(Timestamp.newBuilder().setSeconds(1_700_000_000))
        .setVersion(1);
  }

  public static Money usd(long minor) {
    return Money.newBuilder().setAmountMinor(minor).setCurrencyCode("USD").build();
  }

  public static Timestamp at(long epochSecond) {
    return Timestamp.newBuilder().setSeconds(epochSecond).build();
  }

  public static ChangeEvent upsert(long position, Product product) {
    return ChangeEvent.newBuilder()
        .setPosition(position)
        .setProductId(product.getId())
        .setVersion(product.getVersion())
        .setCommitTime(product.getUpdateTime())
        .setUpsert(product)
        .build();
  }

  public static ChangeEvent delete(long position, String productId, long deletedVersion) {
    return ChangeEvent.newBuilder()
        .setPosition(position)
        .setProductId(productId)
        .setVersion(deletedVersion)
        .setDelete(ProductDeleted.newBuilder().setSku("SKU-" + productId))
        .build();
  }

  /**
   * Eight products over four categories and three brands. Prices (USD cents) and create times:
   *
   * <pre>
   * id         name                      category     brand   price   stock created
   * lap-pro    UltraBook Pro 14 Laptop   laptops      Acme    129900  5     10
   * lap-game   Gaming Laptop 17          laptops      Zephyr  189900  0     20
   * lap-cheap  Budget Notebook           laptops      Acme     39900  10    30
   * sleeve     Laptop Sleeve             accessories  Acme      2499  50    40
   * mouse      Wireless Mouse            accessories  Zephyr    2999  0     50
   * keyboard   Mechanical Keyboard       accessories  Keyco     8900  7     60
   * monitor    4K Monitor 27             monitors     Zephyr   34900  3     70
   * headset    Gaming Headset            audio        Keyco     5000  2     80
   * </pre>
   */
  public static List<Product> catalog() {
    return List.of(
        item(
            "lap-pro",
            "UltraBook Pro 14 Laptop",
            "Thin and light laptop with 16 GB memory",
            "laptops",
            "Acme",
            129_900,
            5,
            10),
        item(
            "lap-game",
            "Gaming Laptop 17",
            "Fast laptop for games",
            "laptops",
            "Zephyr",
            189_900,
            0,
            20),
        item(
            "lap-cheap",
            "Budget Notebook",
            "An affordable laptop for school",
            "laptops",
            "Acme",
            39_900,
            10,
            30),
        item(
            "sleeve",
            "Laptop Sleeve",
            "Padded sleeve that fits 14 inch laptops",
            "accessories",
            "Acme",
            2_499,
            50,
            40),
        item(
            "mouse",
            "Wireless Mouse",
            "Quiet mouse with a long battery life",
            "accessories",
            "Zephyr",
            2_999,
            0,
            50),
        item(
            "keyboard",
            "Mechanical Keyboard",
            "Tactile keyboard for typing and gaming",
            "accessories",
            "Keyco",
            8_900,
            7,
            60),
        item(
            "monitor",
            "4K Monitor 27",
            "Sharp display for work",
            "monitors",
            "Zephyr",
            34_900,
            3,
            70),
        item("headset", "Gaming Headset", "Surround sound", "audio", "Keyco", 5_000, 2, 80));
  }

  /** The catalog as a feed: one upsert per product at positions 2, 4, 6, ... */
  public static List<ChangeEvent> catalogEvents() {
    List<Product> products = catalog();
    return java.util.stream.IntStream.range(0, products.size())
        .mapToObj(i -> upsert(2L * (i + 1), products.get(i)))
        .toList();
  }

  private static Product item(
      String id,
      String name,
      String description,
      String category,
      String brand,
      long price,
      long stock,
      long created) {
    return product(id, name)
        .setDescription(description)
        .setCategory(category)
        .setBrand(brand)
        .setPrice(usd(price))
        .setStock(stock)
        .setCreateTime(at(created))
        .setUpdateTime(at(created))
        .build();
  }
}
