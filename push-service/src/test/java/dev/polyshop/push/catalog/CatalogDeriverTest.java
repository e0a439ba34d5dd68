package dev.polyshop.push.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyshop.catalog.v1.ChangeEvent;
import dev.polyshop.catalog.v1.Money;
import dev.polyshop.catalog.v1.Product;
import dev.polyshop.catalog.v1.ProductDeleted;
import java.util.List;
import org.junit.jupiter.api.Test;

class CatalogDeriverTest {

  private final CatalogDeriver deriver = new CatalogDeriver();

  private static ChangeEvent upsert(long position, long version, long price, long stock) {
    return ChangeEvent.newBuilder()
        .setPosition(position)
        .setProductId("p1")
        .setVersion(version)
        .setUpsert(
            Product.newBuilder()
                .setId("p1")
                .setSku("SKU-1")
                .setName("Lamp \"Q\"")
                .setCategory("Home Office")
                .setPrice(Money.newBuilder().setAmountMinor(price).setCurrencyCode("EUR"))
                .setStock(stock)
                .setVersion(version))
        .build();
  }

  private static List<String> topicsAndTypes(CatalogDeriver.Result result) {
    return result.events().stream().map(d -> d.index() + " " + d.topic() + " " + d.type()).toList();
  }

  @Test
  void create_derivesProductChangedOnly_andIsComplete() {
    CatalogDeriver.Result result = deriver.apply(upsert(1, 1, 1000, 5));

    assertThat(topicsAndTypes(result)).containsExactly("0 product.p1 product.changed");
    assertThat(result.incomplete()).isFalse();
    assertThat(result.events().getFirst().dataJson())
        .isEqualTo(
            "{\"productId\":\"p1\",\"version\":1,\"sku\":\"SKU-1\",\"name\":\"Lamp \\\"Q\\\"\","
                + "\"category\":\"Home Office\",\"price\":{\"amountMinor\":1000,\"currencyCode\":\"EUR\"},"
                + "\"stock\":5}");
  }

  @Test
  void priceDropOfTenPercent_goesToCategoryAndDeals() {
    deriver.apply(upsert(1, 1, 1000, 5));

    CatalogDeriver.Result result = deriver.apply(upsert(2, 2, 900, 5));

    assertThat(topicsAndTypes(result))
        .containsExactly(
            "0 product.p1 product.changed",
            "1 category.home-office price.dropped",
            "2 deals price.dropped");
    assertThat(result.events().get(2).dataJson())
        .contains("\"oldPrice\":{\"amountMinor\":1000,\"currencyCode\":\"EUR\"}")
        .contains("\"newPrice\":{\"amountMinor\":900,\"currencyCode\":\"EUR\"}")
        .contains("\"dropPercent\":10.00");
  }

  @Test
  void smallPriceDrop_goesToCategoryButNotDeals() {
    deriver.apply(upsert(1, 1, 1000, 5));

    CatalogDeriver.Result result = deriver.apply(upsert(2, 2, 901, 5));

    assertThat(topicsAndTypes(result))
        .containsExactly("0 product.p1 product.changed", "1 category.home-office price.dropped");
  }

  @Test
  void stockFromZeroToPositive_derivesStockBack_butRestockOfAvailableProductDoesNot() {
    deriver.apply(upsert(1, 1, 1000, 0));

    assertThat(topicsAndTypes(deriver.apply(upsert(2, 2, 1000, 3))))
        .containsExactly("0 product.p1 product.changed", "3 stock.p1 stock.back");
    assertThat(topicsAndTypes(deriver.apply(upsert(3, 3, 1000, 9))))
        .containsExactly("0 product.p1 product.changed");
  }

  @Test
  void versionGap_fromCompaction_isIncomplete_andDerivesNoComparisons() {
    deriver.apply(upsert(1, 1, 1000, 0));

    CatalogDeriver.Result result = deriver.apply(upsert(9, 3, 500, 4));

    assertThat(result.incomplete()).isTrue();
    assertThat(topicsAndTypes(result)).containsExactly("0 product.p1 product.changed");
  }

  @Test
  void firstSightOfALaterVersion_isIncomplete() {
    assertThat(deriver.apply(upsert(9, 4, 500, 4)).incomplete()).isTrue();
  }

  @Test
  void staleOrRepeatedVersion_derivesNothing() {
    deriver.apply(upsert(1, 1, 1000, 0));
    deriver.apply(upsert(2, 2, 900, 0));

    assertThat(deriver.apply(upsert(2, 2, 900, 0)).events()).isEmpty();
  }

  @Test
  void delete_derivesProductDeleted_andForgetsTheProduct() {
    deriver.apply(upsert(1, 1, 1000, 0));

    CatalogDeriver.Result result =
        deriver.apply(
            ChangeEvent.newBuilder()
                .setPosition(2)
                .setProductId("p1")
                .setVersion(1)
                .setDelete(ProductDeleted.newBuilder().setSku("SKU-1"))
                .build());

    assertThat(topicsAndTypes(result)).containsExactly("0 product.p1 product.deleted");
    assertThat(result.incomplete()).isFalse();
    assertThat(deriver.size()).isZero();
  }

  private static ChangeEvent delete(long position, long version) {
    return ChangeEvent.newBuilder()
        .setPosition(position)
        .setProductId("p1")
        .setVersion(version)
        .setDelete(ProductDeleted.newBuilder().setSku("SKU-1"))
        .build();
  }

  @Test
  void tombstoneResequencedByCompaction_derivesNoSecondProductDeleted() {
    deriver.apply(upsert(1, 1, 1000, 0));
    assertThat(topicsAndTypes(deriver.apply(delete(2, 1))))
        .containsExactly("0 product.p1 product.deleted");

    // Compaction re-sequences the kept tombstone above the head: same content, same version.
    CatalogDeriver.Result again = deriver.apply(delete(40, 1));

    assertThat(again.events()).isEmpty();
    assertThat(again.incomplete()).isFalse();
  }

  @Test
  void staleUpsertAfterDelete_doesNotResurrectTheProduct() {
    deriver.apply(upsert(1, 1, 1000, 0));
    deriver.apply(delete(2, 1));

    assertThat(deriver.apply(upsert(3, 1, 1000, 0)).events()).isEmpty();
    assertThat(deriver.size()).isZero();
  }
}
