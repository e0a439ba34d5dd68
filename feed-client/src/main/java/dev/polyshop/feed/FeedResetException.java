package dev.polyshop.feed;

import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * The feed cannot serve the consumer's cursor (HTTP 410 feed-reset): the consumer must drop what it
 * derived from the feed and rebuild from the start.
 */
public final class FeedResetException extends IOException {

  /** Why; the problem's {@code reason}. */
  public enum Reason {
    /** The cursor belongs to another feed: product-service's database was restored or replaced. */
    FEED_REPLACED,
    /** The cursor lies ahead of the feed's head: the database went back in time. */
    CURSOR_AHEAD,
    /** The cursor is older than what the feed retains (tombstones after it were purged). */
    CURSOR_PURGED;

    /** Parses the problem's {@code reason}; an absent or unknown one counts as a purge. */
    static Reason fromCode(@Nullable String code) {
      for (Reason reason : values()) {
        if (reason.name().replace('_', '-').equalsIgnoreCase(code)) {
          return reason;
        }
      }
      return CURSOR_PURGED;
    }

    /**
     * True when positions the consumer has seen may now stand for other events (a replaced feed or
     * one that went back), so nothing keyed by old positions can be matched with new ones.
     */
    public boolean positionsReused() {
      return this != CURSOR_PURGED;
    }
  }

  private final Reason reason;

  FeedResetException(FeedCursor cursor, Reason reason) {
    super(
        "change feed cannot resume after position "
            + cursor.position()
            + " of feed "
            + cursor.feedId()
            + " ("
            + reason
            + "); rebuild from the start");
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
