package dev.polyshop.product.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers unparsable {@code Accept} (406) and {@code Content-Type} (415) headers up front, as
 * Spring does for most of them: some malformed values (an unterminated quote) make Spring's
 * media-type parser fail with an unchecked exception while it picks the error handler, which became
 * a 500.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
class MediaTypeHeaderFilter extends OncePerRequestFilter {

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (!parses(request, HttpHeaders.ACCEPT)) {
      reject(response, HttpStatus.NOT_ACCEPTABLE, HttpHeaders.ACCEPT);
    } else if (!parses(request, HttpHeaders.CONTENT_TYPE)) {
      reject(response, HttpStatus.UNSUPPORTED_MEDIA_TYPE, HttpHeaders.CONTENT_TYPE);
    } else {
      chain.doFilter(request, response);
    }
  }

  private static boolean parses(HttpServletRequest request, String header) {
    try {
      MediaType.parseMediaTypes(Collections.list(request.getHeaders(header)));
      return true;
    } catch (IllegalArgumentException | IndexOutOfBoundsException malformed) {
      return false;
    }
  }

  private static void reject(HttpServletResponse response, HttpStatus status, String header)
      throws IOException {
    response.setStatus(status.value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.setCharacterEncoding(StandardCharsets.UTF_8);
    response
        .getWriter()
        .write(
            """
            {"type":"about:blank","title":"%s","status":%d,\
            "detail":"The %s header is not a valid media type."}"""
                .formatted(status.getReasonPhrase(), status.value(), header));
  }
}
