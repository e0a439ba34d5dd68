package dev.polyshop.gateway.security;

import dev.polyshop.gateway.problem.Problem;
import dev.polyshop.gateway.problem.ProblemWriter;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** 401 and 403 as problem+json, with the {@code WWW-Authenticate} challenge RFC 6750 asks for. */
final class ProblemAuthenticationHandlers
    implements ServerAuthenticationEntryPoint, ServerAccessDeniedHandler {

  private final ProblemWriter problems;

  ProblemAuthenticationHandlers(ProblemWriter problems) {
    this.problems = problems;
  }

  @Override
  public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException failure) {
    boolean invalidToken = failure instanceof InvalidBearerTokenException;
    String challenge =
        invalidToken
            ? "Bearer error=\"invalid_token\", error_description=\"The token is not valid\""
            : "Bearer";
    String detail =
        invalidToken
            ? "The bearer token is invalid or expired."
            : "This request needs a bearer token (Authorization: Bearer <jwt>).";
    return problems.write(
        exchange,
        Problem.of(HttpStatus.UNAUTHORIZED, "unauthorized", detail)
            .withHeader("WWW-Authenticate", challenge));
  }

  @Override
  public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException denied) {
    return problems.write(
        exchange,
        Problem.of(HttpStatus.FORBIDDEN, "forbidden", "The token lacks the scope for this request.")
            .withHeader("WWW-Authenticate", "Bearer error=\"insufficient_scope\""));
  }
}
