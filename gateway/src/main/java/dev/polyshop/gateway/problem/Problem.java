package dev.polyshop.gateway.problem;

import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/**
 * An RFC 9457 problem the gateway answers with: status, a short type slug, and a detail for humans.
 *
 * @param status HTTP status
 * @param slug last path segment of the problem type URI, e.g. {@code upstream-timeout}
 * @param title short, fixed summary of the problem type
 * @param detail explanation of this occurrence (never a stack trace)
 * @param headers extra response headers, e.g. {@code Retry-After}
 */
public record Problem(
    HttpStatus status,
    String slug,
    String title,
    @Nullable String detail,
    Map<String, String> headers) {

  /** Base of every problem type URI the gateway produces. */
  public static final String TYPE_BASE = "https://polyshop.dev/problems/";

  public Problem {
    headers = Map.copyOf(headers);
  }

  public static Problem of(HttpStatus status, String slug, @Nullable String detail) {
    return new Problem(status, slug, status.getReasonPhrase(), detail, Map.of());
  }

  public Problem withHeader(String name, String value) {
    var copy = new java.util.LinkedHashMap<>(headers);
    copy.put(name, value);
    return new Problem(status, slug, title, detail, copy);
  }

  public String type() {
    return TYPE_BASE + slug;
  }
}
