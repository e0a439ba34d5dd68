package dev.polyshop.gateway.upstream;

import dev.polyshop.gateway.problem.Problem;
import io.grpc.Status;
import org.springframework.http.HttpStatus;

/** Maps a gRPC status from an upstream to the HTTP problem the gateway answers with. */
public final class GrpcProblems {

  private GrpcProblems() {}

  public static HttpStatus httpStatus(Status.Code code) {
    return switch (code) {
      case INVALID_ARGUMENT, OUT_OF_RANGE, FAILED_PRECONDITION -> HttpStatus.BAD_REQUEST;
      case NOT_FOUND -> HttpStatus.NOT_FOUND;
      case RESOURCE_EXHAUSTED -> HttpStatus.TOO_MANY_REQUESTS;
      case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
      case DEADLINE_EXCEEDED -> HttpStatus.GATEWAY_TIMEOUT;
      case UNAUTHENTICATED -> HttpStatus.UNAUTHORIZED;
      case PERMISSION_DENIED -> HttpStatus.FORBIDDEN;
      default -> HttpStatus.BAD_GATEWAY;
    };
  }

  /** The problem for a failed upstream call; the detail is the upstream's status description. */
  public static Problem of(Status status) {
    HttpStatus http = httpStatus(status.getCode());
    String detail =
        status.getDescription() != null
            ? status.getDescription()
            : "Upstream call failed with " + status.getCode();
    String slug =
        "grpc-" + status.getCode().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    return new Problem(http, slug, http.getReasonPhrase(), detail, java.util.Map.of());
  }
}
