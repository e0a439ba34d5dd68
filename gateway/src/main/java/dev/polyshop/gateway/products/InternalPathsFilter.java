package dev.polyshop.gateway.products;

import dev.polyshop.gateway.problem.Problem;
import dev.polyshop.gateway.problem.ProblemWriter;
import java.util.ArrayDeque;
import java.util.Deque;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Answers 404 for product-service's internal change feed ({@code /products/changes}), which only
 * search-service and push-service may read, however the path is spelled.
 *
 * <p>The products route forwards the raw path and product-service (Tomcat) decodes it, drops path
 * parameters and resolves dot segments, so the check compares the path as the upstream will see it,
 * not as the client typed it.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 3)
class InternalPathsFilter implements WebFilter {

  private final ProblemWriter problems;

  InternalPathsFilter(ProblemWriter problems) {
    this.problems = problems;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    if (isChangeFeed(exchange.getRequest().getPath().pathWithinApplication())) {
      return problems.write(
          exchange, Problem.of(HttpStatus.NOT_FOUND, "not-found", "No such resource at the edge."));
    }
    return chain.filter(exchange);
  }

  /** Whether the normalised path is {@code /api/products/changes} or below it. */
  static boolean isChangeFeed(PathContainer path) {
    Deque<String> segments = new ArrayDeque<>();
    for (PathContainer.Element element : path.elements()) {
      if (!(element instanceof PathContainer.PathSegment segment)) {
        continue;
      }
      String value = segment.valueToMatch(); // decoded, without ;parameters
      if (value.isEmpty() || value.equals(".")) {
        continue;
      }
      if (value.equals("..")) {
        segments.pollLast();
      } else {
        segments.addLast(value);
      }
    }
    var normalised = segments.iterator();
    return segments.size() >= 3
        && normalised.next().equals("api")
        && normalised.next().equals("products")
        && normalised.next().equals("changes");
  }
}
