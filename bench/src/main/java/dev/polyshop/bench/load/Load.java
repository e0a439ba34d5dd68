package dev.polyshop.bench.load;

import java.io.IOException;
import java.time.Duration;

/** One kind of request load (HTTP/1.1 or gRPC unary) run in the two modes the suite measures. */
public interface Load {

  /**
   * Open model: request {@code i} is due at {@code start + i/rate}; at most {@code maxInFlight} are
   * outstanding, the rest wait, and latency counts from the intended send time. Requests still
   * unanswered {@code drain} after the end are errors.
   */
  LoadResult fixedRate(int maxInFlight, double rate, Duration duration, Duration drain)
      throws IOException;

  /** Closed loop: {@code inFlight} requests outstanding at all times for {@code duration}. */
  LoadResult saturation(int inFlight, Duration duration) throws IOException;
}
