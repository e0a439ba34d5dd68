package dev.polyshop.gateway.security;

import org.jspecify.annotations.Nullable;
import org.springframework.core.annotation.Order;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Relays who is calling to product-service as {@code Polyshop-Caller}: the subject of a verified
 * JWT, or nothing. A value the client sent is always dropped first.
 *
 * <p>product-service scopes {@code Idempotency-Key}s by it, so one client's key cannot replay or
 * block another's. A header rather than relaying the token: the gateway is the one place that
 * verifies tokens, product-service needs no keys, and only the gateway can reach it
 * (NetworkPolicy).
 */
@Component
@Order(1) // after Spring Security's chain (-100), so the principal is known
class CallerHeaderFilter implements WebFilter {

  static final String CALLER = "Polyshop-Caller";

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    return exchange
        .getPrincipal()
        .filter(JwtAuthenticationToken.class::isInstance)
        .map(principal -> withCaller(exchange, principal.getName()))
        .switchIfEmpty(Mono.fromSupplier(() -> withoutCaller(exchange)))
        .flatMap(chain::filter);
  }

  /** The exchange itself when it carries no caller header (most do not): no copy to make. */
  private static ServerWebExchange withoutCaller(ServerWebExchange exchange) {
    return exchange.getRequest().getHeaders().containsHeader(CALLER)
        ? withCaller(exchange, null)
        : exchange;
  }

  private static ServerWebExchange withCaller(
      ServerWebExchange exchange, @Nullable String subject) {
    return exchange
        .mutate()
        .request(
            request ->
                request.headers(
                    headers -> {
                      headers.remove(CALLER);
                      if (subject != null) {
                        headers.set(CALLER, subject);
                      }
                    }))
        .build();
  }
}
