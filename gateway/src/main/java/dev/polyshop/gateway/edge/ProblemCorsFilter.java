package dev.polyshop.gateway.edge;

import dev.polyshop.gateway.problem.Problem;
import dev.polyshop.gateway.problem.ProblemWriter;
import java.time.Duration;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsProcessor;
import org.springframework.web.cors.reactive.CorsUtils;
import org.springframework.web.cors.reactive.DefaultCorsProcessor;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * CORS for {@code /api/**} from the configured storefront origins; a rejected cross-origin request
 * gets a 403 problem+json (Spring's own CORS filter answers with an empty body).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 3)
class ProblemCorsFilter implements WebFilter {

  private final UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
  private final CorsProcessor processor = new DefaultCorsProcessor();
  private final ProblemWriter problems;

  ProblemCorsFilter(EdgeProperties edge, ProblemWriter problems) {
    this.problems = problems;
    var config = new CorsConfiguration();
    config.setAllowedOrigins(edge.corsAllowedOrigins());
    config.setAllowedMethods(List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"));
    config.setAllowedHeaders(
        List.of(
            "Authorization",
            "Content-Type",
            "If-Match",
            "If-None-Match",
            "Idempotency-Key",
            "Last-Event-ID",
            "X-Request-Id",
            "traceparent",
            "tracestate"));
    config.setExposedHeaders(
        List.of("ETag", "Location", "Retry-After", "X-Request-Id", "X-RateLimit-Remaining"));
    config.setMaxAge(Duration.ofHours(1));
    source.registerCorsConfiguration("/api/**", config);
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    CorsConfiguration config = source.getCorsConfiguration(exchange);
    if (config == null) {
      return chain.filter(exchange);
    }
    if (!processor.process(config, exchange)) {
      return problems.write(
          exchange,
          Problem.of(
              HttpStatus.FORBIDDEN,
              "cors-rejected",
              "This origin, method or header is not allowed to call the API."));
    }
    return CorsUtils.isPreFlightRequest(exchange.getRequest())
        ? Mono.empty()
        : chain.filter(exchange);
  }
}
