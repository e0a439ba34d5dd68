package dev.polyshop.gateway.edge;

import dev.polyshop.gateway.problem.Problem;
import dev.polyshop.gateway.problem.ProblemWriter;
import dev.polyshop.kit.QueryStrings;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Rejects a query whose parameters are not percent-encoded UTF-8 with a 400 problem, instead of
 * letting WebFlux decode them into replacement characters (or forwarding them upstream).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
class UndecodableQueryFilter implements WebFilter {

  private final ProblemWriter problems;

  UndecodableQueryFilter(ProblemWriter problems) {
    this.problems = problems;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    String query = exchange.getRequest().getURI().getRawQuery();
    if (query != null) {
      for (String pair : query.split("&")) {
        int equals = pair.indexOf('=');
        String name = QueryStrings.decode(equals < 0 ? pair : pair.substring(0, equals));
        String value = equals < 0 ? "" : QueryStrings.decode(pair.substring(equals + 1));
        if (name == null || value == null) {
          String detail =
              name == null
                  ? "A query parameter name is not valid percent-encoded UTF-8."
                  : "Query parameter '" + printable(name) + "' is not valid percent-encoded UTF-8.";
          return problems.write(
              exchange, Problem.of(HttpStatus.BAD_REQUEST, "invalid-parameter", detail));
        }
      }
    }
    return chain.filter(exchange);
  }

  /** A decoded name safe to echo: control characters dropped, at most 64 characters. */
  private static String printable(String name) {
    String visible =
        name.codePoints()
            .filter(c -> !Character.isISOControl(c))
            .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
            .toString();
    return visible.length() > 64 ? visible.substring(0, 64) + "…" : visible;
  }
}
