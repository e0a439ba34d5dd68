package dev.polyshop.product.web;

import dev.polyshop.product.problem.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.RequestPath;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers what Tomcat lets through but Spring cannot parse, up front: a path whose path parameters
 * ({@code ;name=value}) are not valid percent-encoding (400), and unparsable {@code Accept} (406)
 * and {@code Content-Type} (415) headers. Spring's own parsers fail on these with an unchecked
 * exception before any handler or advice runs (the DispatcherServlet parses the path first, and
 * picking the error handler parses the media types), which became a 500.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
class MalformedRequestFilter extends OncePerRequestFilter {

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (!pathParses(request)) {
      reject(response, HttpStatus.BAD_REQUEST, "The request path is not valid percent-encoding.");
    } else if (!parses(request, HttpHeaders.ACCEPT)) {
      reject(response, HttpStatus.NOT_ACCEPTABLE, invalidHeader(HttpHeaders.ACCEPT));
    } else if (!parses(request, HttpHeaders.CONTENT_TYPE)) {
      reject(response, HttpStatus.UNSUPPORTED_MEDIA_TYPE, invalidHeader(HttpHeaders.CONTENT_TYPE));
    } else {
      chain.doFilter(request, response);
    }
  }

  private static boolean pathParses(HttpServletRequest request) {
    try {
      RequestPath.parse(request.getRequestURI(), request.getContextPath());
      return true;
    } catch (IllegalArgumentException malformed) {
      return false;
    }
  }

  private static String invalidHeader(String header) {
    return "The " + header + " header is not a valid media type.";
  }

  private static boolean parses(HttpServletRequest request, String header) {
    try {
      MediaType.parseMediaTypes(Collections.list(request.getHeaders(header)));
      return true;
    } catch (IllegalArgumentException | IndexOutOfBoundsException malformed) {
      return false;
    }
  }

  private static void reject(HttpServletResponse response, HttpStatus status, String detail)
      throws IOException {
    ProblemResponses.write(response, ProblemResponses.problem(status, null, detail, null));
  }
}
