package dev.polyshop.push.fanout;

import dev.polyshop.push.v1.ResetReason;

/** What fan-out reports to metrics; implementations must be cheap and thread-safe. */
public interface FanoutStats {

  /** Reports nothing. */
  FanoutStats NONE = new FanoutStats() {};

  /** An event was offered to all {@code subscribers} of its topic in {@code nanos}. */
  default void fannedOut(long nanos, int subscribers) {}

  /** An event reached a subscriber's stream {@code nanos} after it was appended to the log. */
  default void delivered(long nanos) {}

  /** A full subscriber queue of {@code events} was discarded; the subscriber re-reads the log. */
  default void queueDiscarded(int events) {}

  /** A {@code Reset} was sent. */
  default void reset(ResetReason reason) {}
}
