package dev.polyshop.gateway.edge;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Gives every request an {@code X-Request-Id}: forwarded upstream, echoed in the response, logged.
 *
 * <p>Runs first so that every response, even a 401 from the security chain, carries the id.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestIdFilter implements WebFilter {

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    String id =
        RequestIds.acceptOrMint(exchange.getRequest().getHeaders().getFirst(RequestIds.HEADER));
    exchange.getAttributes().put(RequestIds.ATTRIBUTE, id);
    exchange.getResponse().getHeaders().set(RequestIds.HEADER, id);
    var request = exchange.getRequest().mutate().headers(h -> h.set(RequestIds.HEADER, id)).build();
    return chain.filter(exchange.mutate().request(request).build());
  }
}
