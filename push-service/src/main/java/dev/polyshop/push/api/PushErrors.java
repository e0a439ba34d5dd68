package dev.polyshop.push.api;

import dev.polyshop.kit.StatusMapping;
import dev.polyshop.push.fanout.CapacityExceededException;
import dev.polyshop.push.fanout.ResumeAheadException;
import dev.polyshop.push.fanout.UnavailableException;
import io.grpc.Status;

/**
 * push-service's rules of the one exception-to-status table (service-kit's {@link StatusMapping}).
 */
public final class PushErrors {

  /** The mapping every push call and both ports use. */
  public static final StatusMapping MAPPING =
      error ->
          switch (error) {
            case InvalidRequestException e ->
                Status.INVALID_ARGUMENT.withDescription(e.getMessage());
            case ResumeAheadException e -> Status.INVALID_ARGUMENT.withDescription(e.getMessage());
            case UnavailableException e -> Status.UNAVAILABLE.withDescription(e.getMessage());
            case CapacityExceededException e ->
                Status.RESOURCE_EXHAUSTED.withDescription(e.getMessage());
            default -> null;
          };

  private PushErrors() {}
}
