package dev.polyshop.product.seed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyshop.product.catalog.ProductData;
import java.util.Currency;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DemoCatalogTest {

  @Test
  void sameSeed_generatesTheSameCatalog() {
    assertThat(generate(new DemoCatalog(7), 200)).isEqualTo(generate(new DemoCatalog(7), 200));
  }

  @Test
  void differentSeeds_generateDifferentCatalogs() {
    assertThat(generate(new DemoCatalog(7), 50)).isNotEqualTo(generate(new DemoCatalog(8), 50));
  }

  @Test
  void products_haveSequentialSkusAndValuesWithinTheCatalogRules() {
    List<ProductData> products = generate(new DemoCatalog(20250101), 2000);

    assertThat(products.getFirst().sku()).isEqualTo("DEMO-000001");
    assertThat(products.getLast().sku()).isEqualTo("DEMO-002000");
    assertThat(products)
        .allSatisfy(
            p -> {
              assertThat(p.name()).isNotBlank().hasSizeLessThanOrEqualTo(200);
              assertThat(p.description()).hasSizeLessThanOrEqualTo(4000);
              assertThat(p.category()).isNotBlank().hasSizeLessThanOrEqualTo(64);
              assertThat(p.brand()).isNotBlank().hasSizeLessThanOrEqualTo(64);
              assertThat(p.price().amountMinor()).isPositive();
              assertThat(Currency.getInstance(p.price().currency())).isNotNull();
              assertThat(p.stock()).isNotNegative();
              assertThat(p.attributes()).isNotEmpty().hasSizeLessThanOrEqualTo(32);
            });
    assertThat(products.stream().map(ProductData::category).distinct().count()).isGreaterThan(5);
    assertThat(products.stream().map(ProductData::name).distinct().count()).isGreaterThan(1000);
  }

  private static List<ProductData> generate(DemoCatalog catalog, int count) {
    return IntStream.rangeClosed(1, count).mapToObj(catalog::product).toList();
  }
}
