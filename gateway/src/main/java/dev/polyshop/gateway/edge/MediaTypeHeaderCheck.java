package dev.polyshop.gateway.edge;

import dev.polyshop.gateway.problem.Problem;
import dev.polyshop.gateway.problem.ProblemWriter;
import org.springframework.boot.webflux.autoconfigure.WebHttpHandlerBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import reactor.core.publisher.Mono;

/**
 * Answers an unparsable {@code Content-Type} or {@code Accept} with a 400 problem before WebFlux
 * builds the exchange: some malformed values (an unterminated quote) make Spring's media-type
 * parser throw an unchecked exception there, outside every error handler, and the connection was
 * closed with no answer at all.
 */
@Configuration(proxyBeanMethods = false)
class MediaTypeHeaderCheck {

  @Bean
  WebHttpHandlerBuilderCustomizer mediaTypeHeadersChecked(ProblemWriter problems) {
    return builder -> builder.httpHandlerDecorator(handler -> checked(handler, problems));
  }

  private static HttpHandler checked(HttpHandler handler, ProblemWriter problems) {
    return (request, response) ->
        parses(request) ? handler.handle(request, response) : reject(request, response, problems);
  }

  private static boolean parses(ServerHttpRequest request) {
    try {
      HttpHeaders headers = request.getHeaders();
      MediaType.parseMediaTypes(headers.getOrEmpty(HttpHeaders.ACCEPT));
      MediaType.parseMediaTypes(headers.getOrEmpty(HttpHeaders.CONTENT_TYPE));
      return true;
    } catch (IllegalArgumentException | IndexOutOfBoundsException malformed) {
      return false;
    }
  }

  private static Mono<Void> reject(
      ServerHttpRequest request, ServerHttpResponse response, ProblemWriter problems) {
    Problem problem =
        Problem.of(
            HttpStatus.BAD_REQUEST,
            "bad-request",
            "A media type header (Content-Type or Accept) is malformed.");
    byte[] body = problems.render(problem, request.getPath().value(), null);
    response.setStatusCode(problem.status());
    response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
    return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
  }
}
