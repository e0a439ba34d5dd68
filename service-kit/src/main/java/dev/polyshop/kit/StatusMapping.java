package dev.polyshop.kit;

import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

/**
 * The one table per service that turns exceptions into gRPC statuses, so that nothing leaves as
 * UNKNOWN: the service's own rules first, then status exceptions as they are, then INTERNAL with a
 * generic description (the failure itself is logged, never sent).
 */
@FunctionalInterface
public interface StatusMapping {

  /** The status for {@code error} by this service's rules; null when it has none. */
  @Nullable Status rule(Throwable error);

  /** The status a client sees for {@code error}. */
  default Status toStatus(Throwable error) {
    Status own = rule(error);
    if (own != null) {
      return own;
    }
    return switch (error) {
      case StatusRuntimeException e -> e.getStatus();
      case StatusException e -> e.getStatus();
      default -> {
        LoggerFactory.getLogger(StatusMapping.class).error("unexpected failure", error);
        yield Status.INTERNAL.withDescription("internal error");
      }
    };
  }

  /** The same, as the exception a {@code StreamObserver.onError} takes. */
  default StatusRuntimeException toException(Throwable error) {
    return toStatus(error).asRuntimeException();
  }

  /**
   * A server interceptor that closes a call whose handler throws, with this mapping's status
   * instead of grpc-java's UNKNOWN.
   */
  default ServerInterceptor interceptor() {
    return new StatusMappingInterceptor(this);
  }
}
