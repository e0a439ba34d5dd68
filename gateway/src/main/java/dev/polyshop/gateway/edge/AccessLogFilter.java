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
import reactor.core.publisher.SignalType;

/**
 * One access-log line per request, with the request id (and trace id when traced), written by
 * {@link AccessLogWriter}'s background thread. The logger {@code polyshop.access} switches it:
 * below INFO, nothing is queued.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class AccessLogFilter implements WebFilter, AutoCloseable {

  private static final Logger ACCESS = LoggerFactory.getLogger("polyshop.access");

  private final AccessLogWriter writer;

  AccessLogFilter() {
    this(new AccessLogWriter());
  }

  AccessLogFilter(AccessLogWriter writer) {
    this.writer = writer;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    if (!ACCESS.isInfoEnabled()) {
      return chain.filter(exchange);
    }
    long started = System.nanoTime();
    return chain.filter(exchange).doFinally(signal -> writer.add(line(exchange, started, signal)));
  }

  static String line(ServerWebExchange exchange, long startedNanos, SignalType signal) {
    var request = exchange.getRequest();
    var status = exchange.getResponse().getStatusCode();
    InetSocketAddress remote = request.getRemoteAddress();
    String traceId = ServerSpanFilter.traceId(exchange);
    return new StringBuilder(96)
        .append(request.getMethod().name())
        .append(' ')
        .append(request.getPath().value())
        .append(' ')
        .append(status == null ? "-" : Integer.toString(status.value()))
        .append(' ')
        .append((System.nanoTime() - startedNanos) / 1_000_000)
        .append("ms id=")
        .append(RequestIds.of(exchange))
        .append(" client=")
        .append(remote == null ? "-" : remote.getAddress().getHostAddress())
        .append(traceId == null ? "" : " trace=" + traceId)
        .append(signal == SignalType.CANCEL ? " (cancelled)" : "")
        .toString();
  }

  /** Writes the lines still queued when the gateway stops. */
  @Override
  public void close() throws InterruptedException {
    writer.close();
  }
}
