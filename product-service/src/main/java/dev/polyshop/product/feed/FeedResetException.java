package dev.polyshop.product.feed;

import java.util.Locale;

/**
 * A cursor this feed cannot serve: the consumer must drop what it derived and rebuild from 0.
 * Answered as 410 {@code …/problems/feed-reset} with the reason, the feed id and the head.
 */
class FeedResetException extends RuntimeException {

  /** Why the cursor cannot be served; the problem's {@code reason} is the lower-case name. */
  enum Reason {
    /** The cursor was issued by another feed (the database was restored or replaced). */
    FEED_REPLACED,
    /** The cursor lies ahead of the head (the database went back in time). */
    CURSOR_AHEAD,
    /** The cursor is older than the purge horizon (tombstones after it were removed). */
    CURSOR_PURGED;

    String code() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  private final Reason reason;
  private final String feedId;
  private final long headPosition;

  FeedResetException(Reason reason, String feedId, long headPosition, String detail) {
    super(detail + " Drop derived state and rebuild from after=0.", null, false, false);
    this.reason = reason;
    this.feedId = feedId;
    this.headPosition = headPosition;
  }

  Reason reason() {
    return reason;
  }

  String feedId() {
    return feedId;
  }

  long headPosition() {
    return headPosition;
  }
}
