package dev.polyshop.push.replay;

import dev.polyshop.push.v1.SubscribeResponse;
import org.jspecify.annotations.Nullable;

/**
 * One event as retained by an {@link EventLog}: shared by every subscriber queue that holds it.
 *
 * @param seq this replica's log sequence number (contiguous, local to the process)
 * @param id the event id, identical on every replica
 * @param topic the topic it was published on
 * @param message the stream item, built once and sent to every subscriber
 * @param appendedNanos {@link System#nanoTime()} when it was appended, for latency metrics
 */
public record LoggedEvent(
    long seq, EventId id, @Nullable String topic, SubscribeResponse message, long appendedNanos) {

  /** Approximate retained size in bytes (serialized message plus object overhead). */
  public long retainedBytes() {
    return message.getSerializedSize() + 160L;
  }
}
