package dev.polyshop.product.tracing;

import dev.polyshop.kit.Tracing;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;

/**
 * A SERVER span per request, continuing the caller's trace ({@code traceparent}, as the gateway
 * sends it), named by the route's pattern (never the raw path, which holds product ids). The
 * request runs with the span current, so SQL statements and change events see it, and with its ids
 * in the log context ({@code traceId}, {@code spanId}), which every line it logs shows.
 */
final class ServerSpanFilter extends OncePerRequestFilter {

  private static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");

  private final Tracing tracing;

  ServerSpanFilter(Tracing tracing) {
    this.tracing = tracing;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Context context =
        tracing.serverSpan(
            request.getMethod(), request::getHeader, Attributes.of(METHOD, request.getMethod()));
    Span span = Span.fromContext(context);
    try (Scope ignored = context.makeCurrent();
        var traceId = MDC.putCloseable("traceId", span.getSpanContext().getTraceId());
        var spanId = MDC.putCloseable("spanId", span.getSpanContext().getSpanId())) {
      chain.doFilter(request, response);
    } catch (IOException | ServletException | RuntimeException e) {
      span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
      throw e;
    } finally {
      if (request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE)
          instanceof String route) {
        span.updateName(request.getMethod() + " " + route);
        span.setAttribute("http.route", route);
      }
      span.setAttribute("http.response.status_code", (long) response.getStatus());
      if (response.getStatus() >= 500) {
        span.setStatus(StatusCode.ERROR);
      }
      span.end();
    }
  }
}
