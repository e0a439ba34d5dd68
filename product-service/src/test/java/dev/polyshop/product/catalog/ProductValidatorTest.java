package dev.polyshop.product.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyshop.product.problem.ApiException;
import dev.polyshop.product.problem.FieldError;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProductValidatorTest {

  private static ProductInput valid() {
    return new ProductInput(
        "SKU-1",
        "Kettle",
        null,
        "kitchen",
        "Acme",
        new ProductInput.Price(2599L, "GBP"),
        4L,
        Map.of("color", "steel"));
  }

  @Test
  void validInput_becomesProductDataWithDefaults() {
    ProductData data = ProductValidator.validate(valid());

    assertThat(data.description()).isEmpty();
    assertThat(data.price()).isEqualTo(new Money(2599, "GBP"));
    assertThat(data.attributes()).containsEntry("color", "steel");
  }

  @Test
  void missingAttributes_becomeEmpty() {
    ProductInput in = valid();
    ProductInput noAttributes =
        new ProductInput(
            in.sku(),
            in.name(),
            in.description(),
            in.category(),
            in.brand(),
            in.price(),
            in.stock(),
            null);

    assertThat(ProductValidator.validate(noAttributes).attributes()).isEmpty();
  }

  @Test
  void everyInvalidField_isReportedAtOnce() {
    Map<String, String> attributes = new HashMap<>();
    attributes.put("", "x");
    ProductInput invalid =
        new ProductInput(
            "bad sku",
            " ",
            "d".repeat(4001),
            null,
            "b".repeat(65),
            new ProductInput.Price(-1L, "ABC"),
            -2L,
            attributes);

    assertThatThrownBy(() -> ProductValidator.validate(invalid))
        .isInstanceOfSatisfying(
            ApiException.class,
            e ->
                assertThat(e.errors())
                    .extracting(FieldError::field)
                    .containsExactlyInAnyOrder(
                        "sku",
                        "name",
                        "description",
                        "category",
                        "brand",
                        "price.amountMinor",
                        "price.currency",
                        "stock",
                        "attributes."));
  }

  @Test
  void lengths_countCharactersNotUtf16Units() {
    ProductInput in = valid();
    String twoHundredEmoji = "\uD83D\uDE00".repeat(200);
    ProductInput emojiName =
        new ProductInput(
            in.sku(),
            twoHundredEmoji,
            in.description(),
            in.category(),
            in.brand(),
            in.price(),
            in.stock(),
            in.attributes());

    assertThat(ProductValidator.validate(emojiName).name()).isEqualTo(twoHundredEmoji);
  }
}
