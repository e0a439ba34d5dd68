package dev.polyshop.product.catalog;

import dev.polyshop.product.problem.ApiException;
import dev.polyshop.product.problem.FieldError;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** Checks a request body against the catalog's rules, naming every offending field at once. */
final class ProductValidator {

  static final int MAX_SKU = 64;
  static final int MAX_NAME = 200;
  static final int MAX_DESCRIPTION = 4000;
  static final int MAX_LABEL = 64;
  static final int MAX_ATTRIBUTES = 32;
  static final int MAX_ATTRIBUTE_KEY = 64;
  static final int MAX_ATTRIBUTE_VALUE = 256;

  /** PostgreSQL text cannot hold U+0000. */
  static final String NO_NUL = "must not contain the NUL character";

  private static final Pattern SKU = Pattern.compile("[A-Za-z0-9._-]+");
  private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

  private final List<FieldError> errors = new ArrayList<>();

  private ProductValidator() {}

  /**
   * @throws ApiException 400 listing every invalid field
   */
  static ProductData validate(ProductInput input) {
    return new ProductValidator().check(input);
  }

  private ProductData check(ProductInput in) {
    text("sku", in.sku(), 1, MAX_SKU);
    if (in.sku() != null && !SKU.matcher(in.sku()).matches()) {
      reject("sku", "may contain only letters, digits, '.', '_' and '-'");
    }
    text("name", in.name(), 1, MAX_NAME);
    if (in.name() != null && !in.name().isEmpty() && in.name().isBlank()) {
      reject("name", "must not be blank");
    }
    if (in.description() != null) {
      text("description", in.description(), 0, MAX_DESCRIPTION);
    }
    text("category", in.category(), 1, MAX_LABEL);
    text("brand", in.brand(), 1, MAX_LABEL);
    price(in.price());
    if (in.stock() == null) {
      reject("stock", "is required");
    } else if (in.stock() < 0) {
      reject("stock", "must be zero or more");
    }
    Map<String, String> attributes = in.attributes() == null ? Map.of() : in.attributes();
    attributes(attributes);
    if (!errors.isEmpty()) {
      throw ApiException.invalid(errors);
    }
    return new ProductData(
        in.sku(),
        in.name(),
        in.description() == null ? "" : in.description(),
        in.category(),
        in.brand(),
        new Money(in.price().amountMinor(), in.price().currency()),
        in.stock(),
        new TreeMap<>(attributes));
  }

  private void price(ProductInput.Price price) {
    if (price == null) {
      reject("price", "is required");
      return;
    }
    if (price.amountMinor() == null) {
      reject("price.amountMinor", "is required");
    } else if (price.amountMinor() < 0) {
      reject("price.amountMinor", "must be zero or more");
    }
    if (price.currency() == null) {
      reject("price.currency", "is required");
    } else if (!isIsoCurrency(price.currency())) {
      reject("price.currency", "must be an ISO 4217 currency code such as USD or EUR");
    }
  }

  private void attributes(Map<String, String> attributes) {
    if (attributes.size() > MAX_ATTRIBUTES) {
      reject("attributes", "may have at most " + MAX_ATTRIBUTES + " entries");
    }
    attributes.forEach(
        (key, value) -> {
          String field = "attributes." + key;
          if (key.isEmpty() || length(key) > MAX_ATTRIBUTE_KEY) {
            reject(field, "key must be 1 to " + MAX_ATTRIBUTE_KEY + " characters");
          }
          if (value == null) {
            reject(field, "is required");
          } else if (length(value) > MAX_ATTRIBUTE_VALUE) {
            reject(field, "must be at most " + MAX_ATTRIBUTE_VALUE + " characters");
          } else if (value.indexOf('\0') >= 0 || key.indexOf('\0') >= 0) {
            reject(field, NO_NUL);
          }
        });
  }

  private void text(String field, String value, int min, int max) {
    if (value == null) {
      reject(field, "is required");
    } else if (length(value) < min || length(value) > max) {
      reject(
          field,
          min == 0
              ? "must be at most " + max + " characters"
              : "must be " + min + " to " + max + " characters");
    } else if (value.indexOf('\0') >= 0) {
      reject(field, NO_NUL);
    }
  }

  private static boolean isIsoCurrency(String code) {
    if (!CURRENCY.matcher(code).matches()) {
      return false;
    }
    try {
      Currency.getInstance(code);
      return true;
    } catch (IllegalArgumentException unknown) {
      return false;
    }
  }

  /** Characters as PostgreSQL counts them (code points, not UTF-16 units). */
  private static int length(String value) {
    return value.codePointCount(0, value.length());
  }

  private void reject(String field, String message) {
    errors.add(new FieldError(field, message));
  }
}
