package dev.polyshop.bench.load;

/**
 * The intended send times of an open-model run: request {@code i} is due at {@code start + i/rate},
 * whatever happened to the requests before it.
 */
final class ArrivalSchedule {

  private final long startNanos;
  private final long endNanos;
  private final double intervalNanos;
  private long issued;

  ArrivalSchedule(long startNanos, double ratePerSecond, long durationNanos) {
    if (!(ratePerSecond > 0)) {
      throw new IllegalArgumentException("rate must be positive: " + ratePerSecond);
    }
    this.startNanos = startNanos;
    this.endNanos = startNanos + durationNanos;
    this.intervalNanos = 1e9 / ratePerSecond;
  }

  /** The intended send time of request {@code index} (0-based). */
  long intendedTime(long index) {
    return startNanos + (long) (index * intervalNanos);
  }

  /** Whether the next request is due at {@code nowNanos} and still inside the run. */
  boolean hasDue(long nowNanos) {
    long next = intendedTime(issued);
    return next <= nowNanos && next < endNanos;
  }

  /** Takes the next request and returns its intended send time. */
  long take() {
    return intendedTime(issued++);
  }

  /** Nanoseconds from {@code nowNanos} until the next request is due (0 if due, MAX if done). */
  long nanosUntilNext(long nowNanos) {
    long next = intendedTime(issued);
    if (next >= endNanos) {
      return Long.MAX_VALUE;
    }
    return Math.max(0, next - nowNanos);
  }

  boolean finished() {
    return intendedTime(issued) >= endNanos;
  }

  long issued() {
    return issued;
  }
}
