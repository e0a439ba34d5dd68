package dev.polyshop.push.api;

import dev.polyshop.push.fanout.CapacityExceededException;
import dev.polyshop.push.fanout.ResumeAheadException;
import dev.polyshop.push.fanout.UnavailableException;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one place where exceptions become gRPC statuses; nothing leaves as UNKNOWN. */
public final class StatusMapping {

  private static final Logger log = LoggerFactory.getLogger(StatusMapping.class);

  private StatusMapping() {}

  /** The status a client sees for {@code error}. */
  public static Status toStatus(Throwable error) {
    return switch (error) {
      case InvalidRequestException e -> Status.INVALID_ARGUMENT.withDescription(e.getMessage());
      case ResumeAheadException e -> Status.INVALID_ARGUMENT.withDescription(e.getMessage());
      case UnavailableException e -> Status.UNAVAILABLE.withDescription(e.getMessage());
      case CapacityExceededException e -> Status.RESOURCE_EXHAUSTED.withDescription(e.getMessage());
      case StatusRuntimeException e -> e.getStatus();
      case StatusException e -> e.getStatus();
      default -> {
        log.error("unexpected failure", error);
        yield Status.INTERNAL.withDescription("internal error");
      }
    };
  }
}
