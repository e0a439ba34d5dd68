package dev.polyshop.gateway.problem;

import dev.polyshop.gateway.edge.RequestIds;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a {@link Problem} as {@code application/problem+json}; the one place that renders them.
 */
@Component
public class ProblemWriter {

  private final JsonMapper json;

  public ProblemWriter(JsonMapper json) {
    this.json = json;
  }

  public Mono<Void> write(ServerWebExchange exchange, Problem problem) {
    ServerHttpResponse response = exchange.getResponse();
    if (response.isCommitted()) {
      return Mono.empty();
    }
    response.setStatusCode(problem.status());
    var headers = response.getHeaders();
    headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
    headers.remove("Content-Length");
    problem.headers().forEach(headers::set);
    byte[] body = render(problem, exchange);
    DataBuffer buffer = response.bufferFactory().wrap(body);
    return response.writeWith(Mono.just(buffer));
  }

  public byte[] render(Problem problem, ServerWebExchange exchange) {
    return render(problem, exchange.getRequest().getPath().value(), RequestIds.of(exchange));
  }

  /** The problem as JSON; {@code instance} and {@code requestId} are left out when null. */
  public byte[] render(Problem problem, @Nullable String instance, @Nullable String requestId) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", problem.type());
    body.put("title", problem.title());
    body.put("status", problem.status().value());
    if (problem.detail() != null) {
      body.put("detail", problem.detail());
    }
    if (instance != null) {
      body.put("instance", instance);
    }
    if (requestId != null) {
      body.put("requestId", requestId);
    }
    return json.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
  }
}
