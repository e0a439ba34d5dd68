package dev.polyshop.gateway.edge;

import dev.polyshop.kit.Tracing;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import org.jspecify.annotations.Nullable;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import reactor.core.publisher.Mono;

/**
 * Where the shop's traces start: a SERVER span per request that continues the caller's W3C trace or
 * starts one. The request is passed on with the span as its {@code traceparent}, so the product
 * route's proxied request and the gRPC calls of the search and events bridges (which send the
 * request's trace headers) all continue from it. Spans are named by route (a handler's pattern, a
 * proxied route's id), never by raw path. With tracing off the request passes untouched: the
 * caller's trace headers travel on as sent.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class ServerSpanFilter implements WebFilter {

  static final String SPAN = ServerSpanFilter.class.getName() + ".span";

  private static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");

  private final Tracing tracing;
  private final TextMapPropagator propagator;

  ServerSpanFilter(Tracing tracing) {
    this.tracing = tracing;
    this.propagator = tracing.openTelemetry().getPropagators().getTextMapPropagator();
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    if (!tracing.enabled()) {
      return chain.filter(exchange);
    }
    var request = exchange.getRequest();
    String method = request.getMethod().name();
    Context context =
        tracing.serverSpan(method, request.getHeaders()::getFirst, Attributes.of(METHOD, method));
    Span span = Span.fromContext(context);
    ServerWebExchange traced =
        exchange
            .mutate()
            .request(
                builder ->
                    builder.headers(
                        headers -> {
                          headers.remove("traceparent");
                          propagator.inject(context, headers, HttpHeaders::set);
                        }))
            .build();
    traced.getAttributes().put(SPAN, span);
    return chain.filter(traced).doFinally(signal -> end(traced, span));
  }

  /** The trace id of the exchange's span, for its log line; null when it is not traced. */
  static @Nullable String traceId(ServerWebExchange exchange) {
    return exchange.getAttribute(SPAN) instanceof Span span
        ? span.getSpanContext().getTraceId()
        : null;
  }

  private static void end(ServerWebExchange exchange, Span span) {
    String method = exchange.getRequest().getMethod().name();
    if (exchange.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE)
        instanceof PathPattern pattern) {
      span.updateName(method + " " + pattern.getPatternString());
      span.setAttribute("http.route", pattern.getPatternString());
    } else if (exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR)
        instanceof Route route) {
      // A proxied route matches by predicates, not one pattern: the span is named by its id.
      span.updateName(method + " " + route.getId());
      span.setAttribute("polyshop.gateway.route", route.getId());
    }
    var status = exchange.getResponse().getStatusCode();
    if (status != null) {
      span.setAttribute("http.response.status_code", (long) status.value());
      if (status.is5xxServerError()) {
        span.setStatus(StatusCode.ERROR);
      }
    }
    span.end();
  }
}
