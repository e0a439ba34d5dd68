package dev.polyshop.search.api;

import dev.polyshop.search.index.UnsupportedQueryException;
import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.concurrent.CancellationException;
import org.apache.lucene.store.AlreadyClosedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one place where failures become gRPC statuses; nothing leaves as UNKNOWN. */
final class ErrorStatus {

  private static final Logger log = LoggerFactory.getLogger(ErrorStatus.class);

  private ErrorStatus() {}

  static StatusRuntimeException of(Throwable failure) {
    Status status =
        switch (failure) {
          case InvalidRequestException e -> Status.INVALID_ARGUMENT.withDescription(e.getMessage());
          case UnsupportedQueryException e ->
              Status.INVALID_ARGUMENT.withDescription(e.getMessage());
          case NotServingException e -> Status.UNAVAILABLE.withDescription(e.getMessage());
          case AlreadyClosedException e ->
              Status.UNAVAILABLE.withDescription("search-service is shutting down");
          case CancellationException e -> cancelled();
          case StatusRuntimeException e -> e.getStatus();
          default -> {
            log.error("search call failed", failure);
            yield Status.INTERNAL.withDescription("internal error");
          }
        };
    return status.asRuntimeException();
  }

  private static Status cancelled() {
    Deadline deadline = Context.current().getDeadline();
    return deadline != null && deadline.isExpired()
        ? Status.DEADLINE_EXCEEDED.withDescription("deadline expired before the search finished")
        : Status.CANCELLED.withDescription("the caller cancelled the call");
  }
}
