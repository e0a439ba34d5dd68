package dev.polyshop.gateway.ratelimit;

import dev.polyshop.gateway.edge.ClientAddresses;
import dev.polyshop.gateway.problem.Problem;
import dev.polyshop.gateway.problem.ProblemWriter;
import org.springframework.cloud.gateway.filter.ratelimit.RateLimiter;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Limits every {@code /api/**} request per client through a Spring Cloud Gateway {@link
 * RateLimiter} (in-memory or Redis); over the limit: 429 problem+json with {@code Retry-After}.
 *
 * <p>A WebFilter rather than the {@code RequestRateLimiter} route filter, so that the JSON/SSE
 * bridges (handlers, not proxied routes) are limited too, and so that denials are problem+json. It
 * runs after the security chain, so a valid JWT's subject is known.
 */
final class RateLimitWebFilter implements WebFilter {

  private final ClientRateLimiter limiter;
  private final RateLimitProperties properties;
  private final ClientAddresses addresses;
  private final ProblemWriter problems;

  RateLimitWebFilter(
      ClientRateLimiter limiter,
      RateLimitProperties properties,
      ClientAddresses addresses,
      ProblemWriter problems) {
    this.limiter = limiter;
    this.properties = properties;
    this.addresses = addresses;
    this.problems = problems;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    if (!exchange.getRequest().getPath().value().startsWith("/api/")) {
      return chain.filter(exchange);
    }
    return clientKey(exchange, addresses)
        .flatMap(limiter::check)
        .flatMap(
            response -> {
              var headers = exchange.getResponse().getHeaders();
              response.getHeaders().forEach(headers::set);
              if (response.isAllowed()) {
                return chain.filter(exchange);
              }
              return problems.write(
                  exchange,
                  Problem.of(
                          HttpStatus.TOO_MANY_REQUESTS,
                          "rate-limited",
                          "Too many requests from this client; retry later.")
                      .withHeader("Retry-After", Long.toString(properties.retryAfterSeconds())));
            });
  }

  /**
   * {@code sub:<subject>} for a request with a valid JWT, else {@code ip:<address>} (the client's
   * address as {@link ClientAddresses} reads it: forwarded headers only from trusted proxies).
   */
  static Mono<String> clientKey(ServerWebExchange exchange, ClientAddresses addresses) {
    return exchange
        .getPrincipal()
        .filter(JwtAuthenticationToken.class::isInstance)
        .map(principal -> ClientRateLimiter.subjectKey(principal.getName()))
        .switchIfEmpty(
            Mono.fromSupplier(
                () -> ClientRateLimiter.addressKey(addresses.of(exchange.getRequest()))));
  }
}
