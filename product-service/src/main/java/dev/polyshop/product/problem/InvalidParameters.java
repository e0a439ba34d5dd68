package dev.polyshop.product.problem;

import dev.polyshop.kit.QueryStrings;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/**
 * Turns Tomcat's lazy parameter-parsing failure (a query that is not percent-encoded UTF-8, or too
 * many parameters) into the client error it is, naming the offending parameters. The exception's
 * own message quotes the raw bytes, so it is never logged or echoed.
 */
final class InvalidParameters {

  static final String NOT_UTF8 = "is not valid percent-encoded UTF-8";

  private InvalidParameters() {}

  static ApiException of(InvalidParameterException error, @Nullable String rawQuery) {
    HttpStatus status = HttpStatus.resolve(error.getErrorCode());
    if (status == null || !status.is4xxClientError()) {
      status = HttpStatus.BAD_REQUEST;
    }
    if (status != HttpStatus.BAD_REQUEST) {
      return new ApiException(status, "invalid-request", "The request has too many parameters.");
    }
    List<FieldError> errors = undecodable(rawQuery);
    return errors.isEmpty()
        ? new ApiException(status, "invalid-request", "The request parameters cannot be decoded.")
        : ApiException.invalid(errors);
  }

  /** The parameters of a raw query string whose name or value does not decode. */
  static List<FieldError> undecodable(@Nullable String rawQuery) {
    List<FieldError> errors = new ArrayList<>();
    if (rawQuery == null) {
      return errors;
    }
    for (String pair : rawQuery.split("&")) {
      int equals = pair.indexOf('=');
      String rawName = equals < 0 ? pair : pair.substring(0, equals);
      String name = QueryStrings.decode(rawName);
      String value = equals < 0 ? "" : QueryStrings.decode(pair.substring(equals + 1));
      if (name == null || value == null) {
        errors.add(new FieldError(name != null ? name : printable(rawName), NOT_UTF8));
      }
    }
    return errors;
  }

  /** A raw name made safe to echo: visible ASCII kept, everything else as {@code \xNN}. */
  static String printable(String raw) {
    StringBuilder out = new StringBuilder();
    for (byte b : raw.getBytes(StandardCharsets.ISO_8859_1)) {
      if (b >= 0x21 && b < 0x7f && b != '\\') {
        out.append((char) b);
      } else {
        out.append("\\x").append(HexFormat.of().toHexDigits(b));
      }
    }
    return out.length() > 64 ? out.substring(0, 64) + "…" : out.toString();
  }
}
