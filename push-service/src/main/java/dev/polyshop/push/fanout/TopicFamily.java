package dev.polyshop.push.fanout;

import dev.polyshop.push.replay.EventId;
import dev.polyshop.push.v1.Topics;

/**
 * Which id family a topic belongs to: catalog topics carry only events derived from the change
 * feed; every other topic carries only published events.
 */
public enum TopicFamily {
  CATALOG(EventId.Kind.CATALOG),
  PUBLISHED(EventId.Kind.PUBLISHED);

  private final EventId.Kind idKind;

  TopicFamily(EventId.Kind idKind) {
    this.idKind = idKind;
  }

  /** The family of {@code topic} (see {@link Topics#isCatalog}). */
  public static TopicFamily of(String topic) {
    return Topics.isCatalog(topic) ? CATALOG : PUBLISHED;
  }

  /** The kind of event id events of this family carry. */
  public EventId.Kind idKind() {
    return idKind;
  }
}
