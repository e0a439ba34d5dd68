package dev.polyshop.product.problem;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/** Turns an unreadable JSON body into a client-facing 400 that names the offending field. */
public final class JsonReadErrors {

  private JsonReadErrors() {}

  public static ApiException describe(Throwable unreadable) {
    JacksonException json = findJacksonCause(unreadable);
    if (json == null) {
      return invalidBody("The request body is missing or could not be read.");
    }
    String path = path(json);
    if (json instanceof UnrecognizedPropertyException unknown) {
      return ApiException.invalid(
          path, isReadOnly(unknown) ? "is read-only" : "is not a known field");
    }
    if (!path.isEmpty()) {
      return ApiException.invalid(path, expectation(json));
    }
    if (json instanceof StreamReadException) {
      return invalidBody("The request body is not well-formed JSON" + where(json.getLocation()));
    }
    return invalidBody("The request body must be a JSON object.");
  }

  private static ApiException invalidBody(String detail) {
    return new ApiException(
        org.springframework.http.HttpStatus.BAD_REQUEST, "invalid-request", detail);
  }

  private static @Nullable JacksonException findJacksonCause(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof JacksonException json) {
        return json;
      }
    }
    return null;
  }

  private static boolean isReadOnly(UnrecognizedPropertyException unknown) {
    Class<?> type = unknown.getReferringClass();
    ReadOnlyFields readOnly = type == null ? null : type.getAnnotation(ReadOnlyFields.class);
    return readOnly != null && Arrays.asList(readOnly.value()).contains(unknown.getPropertyName());
  }

  /** JSON path of the failing value, e.g. {@code price.amountMinor} or {@code tags[2]}. */
  private static String path(JacksonException json) {
    return json.getPath().stream()
        .map(
            ref ->
                ref.getPropertyName() != null
                    ? "." + ref.getPropertyName()
                    : "[" + ref.getIndex() + "]")
        .collect(Collectors.joining())
        .replaceFirst("^\\.", "");
  }

  private static final Map<Class<?>, String> EXPECTATIONS =
      Map.of(
          Long.class, "must be an integer",
          long.class, "must be an integer",
          Integer.class, "must be an integer",
          int.class, "must be an integer",
          String.class, "must be a string",
          Map.class, "must be a JSON object");

  private static String expectation(JacksonException json) {
    if (json instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
      Class<?> target = mismatch.getTargetType();
      if (target.isRecord()) {
        return "must be a JSON object";
      }
      return EXPECTATIONS.getOrDefault(target, "has an invalid value");
    }
    return "has an invalid value";
  }

  private static String where(TokenStreamLocation location) {
    if (location == null || location.getLineNr() < 1) {
      return ".";
    }
    return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ").";
  }
}
