package dev.polyshop.product.problem;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects query-parameter problems so that one 400 names every bad parameter at once. Parameters
 * arrive as raw strings so that "abc" and "-1" get the same field-level answer as "101".
 */
public final class QueryParameters {

  private final List<FieldError> errors = new ArrayList<>();

  /** Parses an optional integer parameter within {@code [min, max]}. */
  public long integer(String name, String raw, long defaultValue, long min, long max) {
    if (raw == null || raw.isBlank()) {
      return defaultValue;
    }
    try {
      long value = Long.parseLong(raw.trim());
      if (value < min || value > max) {
        errors.add(new FieldError(name, "must be between " + min + " and " + max));
      }
      return value;
    } catch (NumberFormatException notANumber) {
      errors.add(new FieldError(name, "must be an integer"));
      return defaultValue;
    }
  }

  /** Records a problem found by the caller's own parsing. */
  public void reject(String name, String message) {
    errors.add(new FieldError(name, message));
  }

  /** Throws a 400 naming every problem found so far, if any. */
  public void validate() {
    if (!errors.isEmpty()) {
      throw ApiException.invalid(errors);
    }
  }
}
