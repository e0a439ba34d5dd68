package dev.polyshop.search.api;

import dev.polyshop.kit.StatusMapping;
import dev.polyshop.search.index.UnsupportedQueryException;
import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.Status;
import java.util.concurrent.CancellationException;
import org.apache.lucene.store.AlreadyClosedException;

/**
 * search-service's rules of the one exception-to-status table (service-kit's {@link
 * StatusMapping}).
 */
public final class SearchErrors {

  /** The mapping every search call uses. */
  public static final StatusMapping MAPPING =
      error ->
          switch (error) {
            case InvalidRequestException e ->
                Status.INVALID_ARGUMENT.withDescription(e.getMessage());
            case UnsupportedQueryException e ->
                Status.INVALID_ARGUMENT.withDescription(e.getMessage());
            case NotServingException e -> Status.UNAVAILABLE.withDescription(e.getMessage());
            case AlreadyClosedException e ->
                Status.UNAVAILABLE.withDescription("search-service is shutting down");
            case CancellationException e -> cancelled();
            default -> null;
          };

  private SearchErrors() {}

  private static Status cancelled() {
    Deadline deadline = Context.current().getDeadline();
    return deadline != null && deadline.isExpired()
        ? Status.DEADLINE_EXCEEDED.withDescription("deadline expired before the search finished")
        : Status.CANCELLED.withDescription("the caller cancelled the call");
  }
}
