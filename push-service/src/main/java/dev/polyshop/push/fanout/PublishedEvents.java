package dev.polyshop.push.fanout;

import dev.polyshop.push.replay.EventId;
import org.jspecify.annotations.Nullable;

/** Publishes events to every subscriber of a topic: in process, or across replicas via Redis. */
public interface PublishedEvents extends AutoCloseable {

  /**
   * Publishes one event and returns its id.
   *
   * @throws UnavailableException when the event cannot be accepted right now
   */
  EventId publish(String topic, String type, String dataJson);

  /**
   * The newest id this source can have assigned so far (a boundary): a resume token after it names
   * an event that does not exist. Null when that cannot be told right now.
   */
  @Nullable EventId ceiling();

  @Override
  default void close() {}
}
