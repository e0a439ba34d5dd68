package dev.polyshop.push.fanout;

import dev.polyshop.push.replay.EventId;

/** Publishes events to every subscriber of a topic: in process, or across replicas via Redis. */
public interface PublishedEvents extends AutoCloseable {

  /**
   * Publishes one event and returns its id.
   *
   * @throws UnavailableException when the event cannot be accepted right now
   */
  EventId publish(String topic, String type, String dataJson);

  @Override
  default void close() {}
}
