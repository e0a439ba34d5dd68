package dev.polyshop.push.replay;

import dev.polyshop.push.v1.SubscribeResponse;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The retained tail of one id family, bounded by event count and bytes, that subscribers replay
 * from when they resume or fall behind. Thread-safe; appends must come in id order.
 *
 * <p>Besides evicted events, the log remembers a boundary up to which its content may differ from
 * another replica's (see {@link #markIncompleteThrough}); a resume from before either boundary gets
 * an explicit gap instead of a silent one.
 */
public final class EventLog {

  /** Where a resume starts: after {@code cursor}; {@code gap} non-null when events were lost. */
  public record Start(long cursor, @Nullable EventId gap) {}

  /**
   * What a cursor finds next: a matching {@code event}, or a {@code gap} (events after the cursor
   * are gone up to that id), or neither (nothing matched within the scan budget). {@code cursor} is
   * the new position; {@code atHead} is true when nothing newer exists.
   */
  public record Next(
      @Nullable LoggedEvent event, @Nullable EventId gap, long cursor, boolean atHead) {}

  private final int maxEvents;
  private final long maxBytes;
  private final LoggedEvent[] ring;
  private int oldestIndex;
  private int size;
  private long nextSeq = 1;
  private long bytes;
  private @Nullable EventId lastId;
  private @Nullable EventId lastEvicted;
  private @Nullable EventId incompleteThrough;

  public EventLog(int maxEvents, long maxBytes) {
    if (maxEvents < 1 || maxBytes < 1) {
      throw new IllegalArgumentException("retention must be positive");
    }
    this.maxEvents = maxEvents;
    this.maxBytes = maxBytes;
    this.ring = new LoggedEvent[maxEvents];
  }

  /**
   * Appends an event whose id is after every id appended before; evicts the oldest as needed. An
   * entry without a topic (a gap marker whose message is a Reset) reaches every cursor.
   */
  public synchronized LoggedEvent append(
      EventId id, @Nullable String topic, SubscribeResponse message) {
    if (!id.isAfter(lastId)) {
      throw new IllegalArgumentException("event id " + id + " is not after " + lastId);
    }
    LoggedEvent event =
        new LoggedEvent(nextSeq++, id, topic, WireMessage.of(message), System.nanoTime());
    long eventBytes = event.retainedBytes();
    while (size > 0 && (size == maxEvents || bytes + eventBytes > maxBytes)) {
      evictOldest();
    }
    ring[(oldestIndex + size) % maxEvents] = event;
    size++;
    bytes += eventBytes;
    lastId = id;
    return event;
  }

  private void evictOldest() {
    LoggedEvent oldest = ring[oldestIndex];
    ring[oldestIndex] = null;
    oldestIndex = (oldestIndex + 1) % maxEvents;
    size--;
    bytes -= oldest.retainedBytes();
    lastEvicted = oldest.id();
  }

  /**
   * Declares that events up to {@code boundary} may differ from what other replicas derived, so a
   * resume from before it must be told about a gap.
   */
  public synchronized void markIncompleteThrough(@Nullable EventId boundary) {
    incompleteThrough = EventId.max(incompleteThrough, boundary);
  }

  /** Where a subscriber resuming after {@code token} starts; null token: after the newest event. */
  public synchronized Start startAfter(@Nullable EventId token) {
    if (token == null) {
      return new Start(nextSeq - 1, null);
    }
    EventId boundary = EventId.max(lastEvicted, incompleteThrough);
    if (boundary != null && boundary.isAfter(token)) {
      return new Start(lastSeqAtOrBefore(boundary), boundary);
    }
    return new Start(lastSeqAtOrBefore(token), null);
  }

  private long lastSeqAtOrBefore(EventId id) {
    int lo = 0;
    int hi = size - 1;
    int found = -1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (at(mid).id().isAfter(id)) {
        hi = mid - 1;
      } else {
        found = mid;
        lo = mid + 1;
      }
    }
    return oldestSeq() - 1 + (found + 1);
  }

  /**
   * Finds the next event on {@code topics} after {@code cursor}, scanning at most {@code budget}.
   */
  public synchronized Next next(long cursor, Set<String> topics, int budget) {
    long oldest = oldestSeq();
    if (cursor < oldest - 1) {
      return new Next(null, lastEvicted, oldest - 1, false);
    }
    long seq = cursor + 1;
    for (int scanned = 0; seq < nextSeq && scanned < budget; seq++, scanned++) {
      LoggedEvent event = at((int) (seq - oldest));
      if (event.topic() == null || topics.contains(event.topic())) {
        return new Next(event, null, seq, seq == nextSeq - 1);
      }
    }
    return new Next(null, null, seq - 1, seq == nextSeq);
  }

  private LoggedEvent at(int offset) {
    return ring[(oldestIndex + offset) % maxEvents];
  }

  private long oldestSeq() {
    return nextSeq - size;
  }

  /** Sequence number of the newest event (0 when nothing was ever appended). */
  public synchronized long headSeq() {
    return nextSeq - 1;
  }

  /** Id of the newest event, or null. */
  public synchronized @Nullable EventId lastId() {
    return lastId;
  }

  /** Number of retained events. */
  public synchronized int size() {
    return size;
  }

  /** Approximate bytes retained. */
  public synchronized long bytes() {
    return bytes;
  }
}
