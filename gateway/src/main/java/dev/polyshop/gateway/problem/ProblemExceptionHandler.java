package dev.polyshop.gateway.problem;

import dev.polyshop.gateway.edge.RequestIds;
import dev.polyshop.gateway.upstream.GrpcProblems;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.cloud.gateway.support.ServiceUnavailableException;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import reactor.core.publisher.Mono;

/**
 * Turns every error the gateway raises into an RFC 9457 problem; replaces Boot's default handler.
 *
 * <p>Upstream error responses (e.g. product-service's own problems) are not errors here: they pass
 * through untouched. Details never carry stack traces or exception class names.
 */
@Component
@Order(-2)
class ProblemExceptionHandler implements ErrorWebExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ProblemExceptionHandler.class);

  private final ProblemWriter writer;

  ProblemExceptionHandler(ProblemWriter writer) {
    this.writer = writer;
  }

  @Override
  public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
    if (exchange.getResponse().isCommitted()) {
      return Mono.error(error);
    }
    Problem problem = toProblem(error);
    if (problem.status().is5xxServerError()) {
      log.warn(
          "{} {} -> {} ({}) id={}",
          exchange.getRequest().getMethod(),
          exchange.getRequest().getPath().value(),
          problem.status().value(),
          error.toString(),
          RequestIds.of(exchange),
          problem.status() == HttpStatus.INTERNAL_SERVER_ERROR ? error : null);
    }
    return writer.write(exchange, problem);
  }

  static Problem toProblem(Throwable error) {
    Throwable cause = rootOf(error);
    return switch (cause) {
      case ProblemException e -> e.problem();
      case CallNotPermittedException e -> circuitOpen();
      case ServiceUnavailableException e -> circuitOpen();
      case StatusRuntimeException e -> GrpcProblems.of(e.getStatus());
      case StatusException e -> GrpcProblems.of(e.getStatus());
      case TimeoutException e ->
          Problem.of(
              HttpStatus.GATEWAY_TIMEOUT,
              "upstream-timeout",
              "The upstream service did not answer in time.");
      case ConnectException e ->
          Problem.of(
              HttpStatus.SERVICE_UNAVAILABLE,
              "upstream-unavailable",
              "The upstream service cannot be reached.");
      case DataBufferLimitException e ->
          Problem.of(
              HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "The request is too large.");
      case InvalidMediaTypeException e ->
          Problem.of(
              HttpStatus.BAD_REQUEST,
              "bad-request",
              "A media type header (Content-Type or Accept) is malformed.");
      case ServerWebInputException e ->
          Problem.of(HttpStatus.BAD_REQUEST, "bad-request", e.getReason());
      case ResponseStatusException e -> fromStatus(e);
      case java.io.IOException e ->
          Problem.of(
              HttpStatus.BAD_GATEWAY,
              "upstream-failed",
              "The connection to the upstream service failed.");
      default ->
          Problem.of(
              HttpStatus.INTERNAL_SERVER_ERROR, "internal", "The gateway failed unexpectedly.");
    };
  }

  /** The products breaker is open (Spring Cloud Gateway reports it as ServiceUnavailable). */
  private static Problem circuitOpen() {
    return Problem.of(
        HttpStatus.SERVICE_UNAVAILABLE,
        "circuit-open",
        "The upstream service is failing; the gateway stopped calling it for a while.");
  }

  private static Problem fromStatus(ResponseStatusException e) {
    HttpStatus status = HttpStatus.resolve(e.getStatusCode().value());
    if (status == null) {
      status = HttpStatus.BAD_GATEWAY;
    }
    return switch (status) {
      case GATEWAY_TIMEOUT ->
          Problem.of(status, "upstream-timeout", "The upstream service did not answer in time.");
      case SERVICE_UNAVAILABLE ->
          Problem.of(
              status, "upstream-unavailable", "The upstream service is unavailable right now.");
      case NOT_FOUND -> Problem.of(status, "not-found", "No such resource on this gateway.");
      case METHOD_NOT_ALLOWED ->
          Problem.of(status, "method-not-allowed", "That method is not allowed here.");
      case CONTENT_TOO_LARGE ->
          Problem.of(status, "payload-too-large", "The request body is too large.");
      case UNSUPPORTED_MEDIA_TYPE ->
          Problem.of(status, "unsupported-media-type", "That content type is not supported here.");
      case NOT_ACCEPTABLE ->
          Problem.of(status, "not-acceptable", "No acceptable representation is available.");
      default ->
          Problem.of(
              status,
              status.is5xxServerError() ? "upstream-failed" : "bad-request",
              status.is5xxServerError() ? "The request failed at the gateway." : e.getReason());
    };
  }

  /** Unwraps reactive and resilience wrappers down to the cause that says what happened. */
  private static Throwable rootOf(Throwable error) {
    Throwable current = error;
    for (int depth = 0; depth < 8; depth++) {
      if (current instanceof ProblemException
          || current instanceof StatusRuntimeException
          || current instanceof ResponseStatusException
          || current instanceof CallNotPermittedException
          || current instanceof ServiceUnavailableException) {
        return current;
      }
      Throwable next = current.getCause();
      if (next == null || next == current) {
        return current;
      }
      if (isWrapper(current)) {
        current = next;
      } else {
        return current;
      }
    }
    return current;
  }

  private static boolean isWrapper(Throwable t) {
    return t.getClass() == RuntimeException.class
        || t instanceof java.util.concurrent.CompletionException
        || t instanceof java.util.concurrent.ExecutionException
        || t.getClass().getName().startsWith("reactor.core.Exceptions");
  }
}
