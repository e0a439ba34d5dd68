package dev.polyshop.push.v1;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TopicsTest {

  @Test
  void catalogTopics_areDealsAndTheFourPrefixes_only() {
    assertThat(Topics.isCatalog("deals")).isTrue();
    assertThat(Topics.isCatalog("product.42")).isTrue();
    assertThat(Topics.isCatalog("category.lamps")).isTrue();
    assertThat(Topics.isCatalog("stock.42")).isTrue();
    assertThat(Topics.isCatalog("dealsx")).isFalse();
    assertThat(Topics.isCatalog("products.42")).isFalse();
    assertThat(Topics.isCatalog("order.alice.1")).isFalse();
  }

  @Test
  void wellFormed_meansOneTo128CharactersOfTheSet() {
    assertThat(Topics.isWellFormed("order.alice_1:x-y")).isTrue();
    assertThat(Topics.isWellFormed("a".repeat(128))).isTrue();
    assertThat(Topics.isWellFormed("a".repeat(129))).isFalse();
    assertThat(Topics.isWellFormed("")).isFalse();
    assertThat(Topics.isWellFormed("Order")).isFalse();
    assertThat(Topics.isWellFormed("order alice")).isFalse();
    assertThat(Topics.isWellFormed("ordér")).isFalse();
  }

  @Test
  void catalog_mapsAnyNameIntoAWellFormedTopic() {
    assertThat(Topics.catalog(Topics.CATEGORY, "Home & Garden"))
        .isEqualTo("category.home---garden");
    assertThat(Topics.catalog(Topics.CATEGORY, "Küche & Bad")).isEqualTo("category.k-che---bad");
    assertThat(Topics.catalog(Topics.PRODUCT, "x".repeat(200))).hasSize(Topics.MAX_LENGTH);
    assertThat(Topics.isWellFormed(Topics.catalog(Topics.STOCK, "Ünïcödé/ü"))).isTrue();
  }
}
