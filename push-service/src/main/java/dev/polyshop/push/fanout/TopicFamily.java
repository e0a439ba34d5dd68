package dev.polyshop.push.fanout;

import dev.polyshop.push.replay.EventId;

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

  /**
   * The family of {@code topic}: {@code deals}, {@code product.*}, {@code category.*}, {@code
   * stock.*} are catalog topics.
   */
  public static TopicFamily of(String topic) {
    return topic.equals("deals")
            || topic.startsWith("product.")
            || topic.startsWith("category.")
            || topic.startsWith("stock.")
        ? CATALOG
        : PUBLISHED;
  }

  /** The kind of event id events of this family carry. */
  public EventId.Kind idKind() {
    return idKind;
  }
}
