package dev.polyshop.gateway.security;

import dev.polyshop.gateway.edge.EdgeProperties;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The browser-facing headers on every response, whatever answered it (a route, an upstream, a
 * problem, Spring Security's 401): nosniff, frame deny, no legacy XSS filter, the referrer policy,
 * the edge's CSP, and HSTS on HTTPS. A header the response already has is left as it is.
 *
 * <p>Written here rather than by Spring Security's header writers because most requests (reads
 * without a token) do not pass through Spring Security's chain at all ({@link SecurityConfig}).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class SecurityHeadersFilter implements WebFilter {

  private final String contentSecurityPolicy;

  SecurityHeadersFilter(EdgeProperties edge) {
    this.contentSecurityPolicy = edge.contentSecurityPolicy();
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    boolean https = exchange.getRequest().getSslInfo() != null;
    exchange
        .getResponse()
        .beforeCommit(
            () -> {
              HttpHeaders headers = exchange.getResponse().getHeaders();
              setIfAbsent(headers, "X-Content-Type-Options", "nosniff");
              setIfAbsent(headers, "X-Frame-Options", "DENY");
              setIfAbsent(headers, "X-XSS-Protection", "0");
              setIfAbsent(headers, "Content-Security-Policy", contentSecurityPolicy);
              setIfAbsent(headers, "Referrer-Policy", "strict-origin-when-cross-origin");
              if (https) {
                setIfAbsent(
                    headers, "Strict-Transport-Security", "max-age=31536000 ; includeSubDomains");
              }
              return Mono.empty();
            });
    return chain.filter(exchange);
  }

  private static void setIfAbsent(HttpHeaders headers, String name, String value) {
    if (!headers.containsHeader(name)) {
      headers.set(name, value);
    }
  }
}
