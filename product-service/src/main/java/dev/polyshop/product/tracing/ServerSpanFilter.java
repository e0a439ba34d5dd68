package dev.polyshop.product.tracing;

import dev.polyshop.kit.Tracing;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import org.jspecify.annotations.Nullable;
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

  private static final TextMapGetter<HttpServletRequest> HEADERS =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(HttpServletRequest carrier) {
          return Collections.list(carrier.getHeaderNames());
        }

        @Override
        public @Nullable String get(@Nullable HttpServletRequest carrier, String key) {
          return carrier == null ? null : carrier.getHeader(key);
        }
      };

  private final Tracing tracing;

  ServerSpanFilter(Tracing tracing) {
    this.tracing = tracing;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Context parent =
        tracing
            .openTelemetry()
            .getPropagators()
            .getTextMapPropagator()
            .extract(Context.root(), request, HEADERS);
    Span span =
        tracing
            .tracer()
            .spanBuilder(request.getMethod())
            .setParent(parent)
            .setSpanKind(SpanKind.SERVER)
            .setAttribute("http.request.method", request.getMethod())
            .startSpan();
    try (Scope ignored = parent.with(span).makeCurrent();
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
