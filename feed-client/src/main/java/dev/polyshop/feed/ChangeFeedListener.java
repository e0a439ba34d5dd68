package dev.polyshop.feed;

import dev.polyshop.catalog.v1.ChangeEvent;
import java.util.List;

/** What a feed consumer does with what the follower reads. Called from one thread at a time. */
public interface ChangeFeedListener {

  /**
   * Applies a batch of events, in feed order. Throwing makes the follower retry the same batch
   * after a backoff, so implementations must tolerate seeing events again (apply by version).
   *
   * @param next the cursor (feed id and position) to store, together, once the batch is applied
   */
  void onEvents(List<ChangeEvent> events, FeedCursor next) throws Exception;

  /**
   * The cursor can no longer be served: drop everything derived from the feed; it restarts at 0 and
   * adopts whichever feed it then finds. {@link FeedResetException#reason()} says why; when {@link
   * FeedResetException.Reason#positionsReused()}, positions seen before name other events now.
   */
  void onReset(FeedResetException reset) throws Exception;

  /** The follower has reached the head of the feed for the first time since start or reset. */
  default void onCaughtUp() {}
}
