package dev.polyshop.push.fanout;

import com.google.protobuf.util.Timestamps;
import dev.polyshop.push.replay.EventId;
import java.time.Clock;

/**
 * In-process publishing (no {@code PUSH_REDIS_URL}): events reach this replica's subscribers only,
 * with Redis-shaped ids {@code p-<millis>-<seq>} that increase monotonically on this replica.
 */
public final class LocalPublishedEvents implements PublishedEvents {

  private final EventStream stream;
  private final Clock clock;
  private long lastMillis;
  private long sequence;

  public LocalPublishedEvents(EventStream stream, Clock clock) {
    this.stream = stream;
    this.clock = clock;
  }

  @Override
  public synchronized EventId ceiling() {
    return EventId.boundary(EventId.Kind.PUBLISHED, Math.max(lastMillis, clock.millis()));
  }

  @Override
  public synchronized EventId publish(String topic, String type, String dataJson) {
    long now = clock.millis();
    if (now > lastMillis) {
      lastMillis = now;
      sequence = 0;
    } else {
      sequence++;
    }
    EventId id = EventId.published(lastMillis, sequence);
    stream.append(id, topic, type, dataJson, Timestamps.fromMillis(lastMillis));
    return id;
  }
}
