package dev.polyshop.product.problem;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * The one renderer of problems that answer before Spring MVC's message converters can: the request
 * filters and Tomcat's error valve. It writes the same members, in the same shape, as the
 * controller advice's {@link ProblemDetail}s, with every string escaped.
 */
public final class ProblemResponses {

  private ProblemResponses() {}

  /**
   * A problem of this service's vocabulary ({@code typeSlug} under {@link ApiException#TYPE_BASE}),
   * or {@code about:blank} when {@code typeSlug} is null.
   */
  public static ProblemDetail problem(
      HttpStatus status, @Nullable String typeSlug, String detail, @Nullable String instance) {
    ProblemDetail problem = ProblemDetail.forStatus(status);
    if (typeSlug != null) {
      problem.setType(URI.create(ApiException.TYPE_BASE + typeSlug));
    }
    problem.setDetail(detail);
    if (instance != null) {
      problem.setInstance(URI.create(instance));
    }
    return problem;
  }

  /** Writes {@code problem} as the whole response: status, content type and body. */
  public static void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
    byte[] body = json(problem);
    response.setStatus(problem.getStatus());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }

  /** The JSON body of {@code problem}: type, title, status, then detail and instance when set. */
  public static byte[] json(ProblemDetail problem) {
    var json = new StringBuilder(160).append('{');
    // An unset type means about:blank (RFC 9457 §3.1.1).
    member(json, "type", problem.getType() == null ? "about:blank" : problem.getType().toString())
        .append(',');
    if (problem.getTitle() != null) { // null only for a status HTTP does not name
      member(json, "title", problem.getTitle()).append(',');
    }
    json.append("\"status\":").append(problem.getStatus());
    if (problem.getDetail() != null) {
      member(json.append(','), "detail", problem.getDetail());
    }
    if (problem.getInstance() != null) {
      member(json.append(','), "instance", problem.getInstance().toString());
    }
    return json.append('}').toString().getBytes(StandardCharsets.UTF_8);
  }

  private static StringBuilder member(StringBuilder json, String name, String value) {
    json.append('"').append(name).append("\":\"");
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> json.append("\\\"");
        case '\\' -> json.append("\\\\");
        default -> {
          if (c < 0x20 || c == 0x2028 || c == 0x2029) {
            json.append(String.format("\\u%04x", (int) c));
          } else {
            json.append(c);
          }
        }
      }
    }
    return json.append('"');
  }
}
