package dev.polyshop.gateway.edge;

import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/** One access-log line per request (logger {@code polyshop.access}), with the request id. */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class AccessLogFilter implements WebFilter {

  private static final Logger ACCESS = LoggerFactory.getLogger("polyshop.access");

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    if (!ACCESS.isInfoEnabled()) {
      return chain.filter(exchange);
    }
    long started = System.nanoTime();
    return chain
        .filter(exchange)
        .doFinally(
            signal -> {
              var request = exchange.getRequest();
              var status = exchange.getResponse().getStatusCode();
              InetSocketAddress remote = request.getRemoteAddress();
              ACCESS.info(
                  "{} {} {} {}ms id={} client={}{}",
                  request.getMethod(),
                  request.getPath().value(),
                  status == null ? "-" : status.value(),
                  (System.nanoTime() - started) / 1_000_000,
                  RequestIds.of(exchange),
                  remote == null ? "-" : remote.getAddress().getHostAddress(),
                  signal == reactor.core.publisher.SignalType.CANCEL ? " (cancelled)" : "");
            });
  }
}
