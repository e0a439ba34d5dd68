package dev.polyshop.product.catalog;

import dev.polyshop.product.problem.ApiException;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;

/**
 * A parsed {@code If-Match} header. Updates must name the version they were based on, so a missing
 * header and the wildcard {@code *} both get 428; weak or malformed tags never match (412), as
 * If-Match uses strong comparison.
 */
record IfMatch(Set<Long> versions) {

  private static final Pattern STRONG_TAG = Pattern.compile("\\s*\"(\\d{1,18})\"\\s*");

  static IfMatch parse(String header) {
    if (header == null || header.isBlank()) {
      throw new ApiException(
          HttpStatus.PRECONDITION_REQUIRED,
          "precondition-required",
          "Send If-Match with the product's ETag (from GET) to change it.");
    }
    if (header.trim().equals("*")) {
      throw new ApiException(
          HttpStatus.PRECONDITION_REQUIRED,
          "precondition-required",
          "If-Match: * is not accepted; send the product's ETag (from GET).");
    }
    Set<Long> versions = new HashSet<>();
    for (String tag : header.split(",")) {
      Matcher strong = STRONG_TAG.matcher(tag);
      if (strong.matches()) {
        versions.add(Long.parseLong(strong.group(1)));
      }
    }
    return new IfMatch(Set.copyOf(versions));
  }

  /**
   * @throws ApiException 412 when {@code currentVersion} is not one of the tags
   */
  void check(long currentVersion) {
    if (!versions.contains(currentVersion)) {
      throw new ApiException(
          HttpStatus.PRECONDITION_FAILED,
          "precondition-failed",
          "The product has changed since that ETag; GET it again and retry.");
    }
  }

  static String etag(long version) {
    return "\"" + version + "\"";
  }
}
