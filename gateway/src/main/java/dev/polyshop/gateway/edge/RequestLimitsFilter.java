package dev.polyshop.gateway.edge;

import dev.polyshop.gateway.problem.Problem;
import dev.polyshop.gateway.problem.ProblemException;
import dev.polyshop.gateway.problem.ProblemWriter;
import java.util.List;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Enforces the header-size (431) and body-size (413) limits with problem+json answers.
 *
 * <p>Bodies are checked both by {@code Content-Length} (rejected before anything is read) and by
 * counting streamed bytes (chunked uploads), so neither proxied nor bridged requests can exceed it.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
class RequestLimitsFilter implements WebFilter {

  private final long maxBody;
  private final long maxHeaders;
  private final ProblemWriter problems;

  RequestLimitsFilter(EdgeProperties properties, ProblemWriter problems) {
    this.maxBody = properties.maxRequestBody().toBytes();
    this.maxHeaders = properties.maxRequestHeaders().toBytes();
    this.problems = problems;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    var request = exchange.getRequest();
    if (headerBytes(request.getHeaders().headerSet()) > maxHeaders) {
      return problems.write(
          exchange,
          Problem.of(
              HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
              "headers-too-large",
              "Request headers exceed " + maxHeaders + " bytes."));
    }
    long length = request.getHeaders().getContentLength();
    if (length > maxBody) {
      return problems.write(exchange, tooLarge());
    }
    if (length >= 0) {
      return chain.filter(exchange);
    }
    var counted =
        new ServerHttpRequestDecorator(request) {
          @Override
          public Flux<DataBuffer> getBody() {
            long[] seen = {0};
            return super.getBody()
                .handle(
                    (buffer, sink) -> {
                      seen[0] += buffer.readableByteCount();
                      if (seen[0] > maxBody) {
                        org.springframework.core.io.buffer.DataBufferUtils.release(buffer);
                        sink.error(new ProblemException(tooLarge()));
                      } else {
                        sink.next(buffer);
                      }
                    });
          }
        };
    return chain.filter(exchange.mutate().request(counted).build());
  }

  private Problem tooLarge() {
    return Problem.of(
        HttpStatus.CONTENT_TOO_LARGE,
        "payload-too-large",
        "Request body exceeds " + maxBody + " bytes.");
  }

  private static long headerBytes(java.util.Set<Map.Entry<String, List<String>>> headers) {
    long total = 0;
    for (var header : headers) {
      for (String value : header.getValue()) {
        total += header.getKey().length() + value.length() + 4;
      }
    }
    return total;
  }
}
