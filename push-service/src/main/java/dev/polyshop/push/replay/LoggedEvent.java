package dev.polyshop.push.replay;

import dev.polyshop.push.v1.SubscribeResponse;
import org.jspecify.annotations.Nullable;

/**
 * One event as retained by an {@link EventLog}: shared by every subscriber queue that holds it.
 *
 * @param seq this replica's log sequence number (contiguous, local to the process)
 * @param id the event id, identical on every replica
 * @param topic the topic it was published on
 * @param wire the stream item, built and encoded once and sent to every subscriber
 * @param appendedNanos {@link System#nanoTime()} when it was appended, for latency metrics
 */
public record LoggedEvent(
    long seq, EventId id, @Nullable String topic, WireMessage wire, long appendedNanos) {

  /** The stream item. */
  public SubscribeResponse message() {
    return wire.message();
  }

  /** Approximate retained size in bytes (the message, its encoding and object overhead). */
  public long retainedBytes() {
    return 2L * wire.bytes().size() + 200L;
  }
}
