package dev.polyshop.feed;

import org.jspecify.annotations.Nullable;

/**
 * Where a consumer stands in the change feed: the feed's id and the last position applied. A
 * consumer stores both together; positions mean nothing outside their feed.
 *
 * @param feedId the feed the position belongs to; null when not known yet (the first page's id is
 *     adopted)
 * @param position the last position applied; 0 = nothing yet
 */
public record FeedCursor(@Nullable String feedId, long position) {

  /** An empty consumer: no feed yet, nothing applied. */
  public static final FeedCursor START = new FeedCursor(null, 0);

  public FeedCursor {
    if (position < 0) {
      throw new IllegalArgumentException("position must not be negative: " + position);
    }
  }
}
