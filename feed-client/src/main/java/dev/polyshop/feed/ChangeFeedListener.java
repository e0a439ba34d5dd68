package dev.polyshop.feed;

import dev.polyshop.catalog.v1.ChangeEvent;
import java.util.List;

/** What a feed consumer does with what the follower reads. Called from one thread at a time. */
public interface ChangeFeedListener {

  /**
   * Applies a batch of events, in feed order. Throwing makes the follower retry the same batch
   * after a backoff, so implementations must tolerate seeing events again (apply by version).
   *
   * @param nextPosition the cursor to store once the batch is applied
   */
  void onEvents(List<ChangeEvent> events, long nextPosition) throws Exception;

  /**
   * The cursor can no longer be served: drop everything derived from the feed; it restarts at 0.
   */
  void onReset() throws Exception;

  /** The follower has reached the head of the feed for the first time since start or reset. */
  default void onCaughtUp() {}
}
