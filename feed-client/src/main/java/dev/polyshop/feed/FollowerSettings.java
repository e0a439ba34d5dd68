package dev.polyshop.feed;

import java.time.Duration;

/**
 * Tuning of a {@link ChangeFeedFollower}.
 *
 * @param batchSize events per request (the feed allows 1..1000)
 * @param longPollWait how long the server may hold a request once the follower has caught up
 * @param minBackoff first retry delay after a failure; doubles up to {@code maxBackoff}
 * @param maxBackoff longest retry delay
 */
public record FollowerSettings(
    int batchSize, Duration longPollWait, Duration minBackoff, Duration maxBackoff) {

  /** 500 events a request, 20 s long-polls, retries from 100 ms up to 5 s. */
  public static final FollowerSettings DEFAULTS =
      new FollowerSettings(
          500, Duration.ofSeconds(20), Duration.ofMillis(100), Duration.ofSeconds(5));

  /** These settings with another long-poll wait (each service configures its own). */
  public FollowerSettings withLongPollWait(Duration wait) {
    return new FollowerSettings(batchSize, wait, minBackoff, maxBackoff);
  }

  public FollowerSettings {
    if (batchSize < 1 || batchSize > 1000) {
      throw new IllegalArgumentException("batchSize must be 1..1000: " + batchSize);
    }
    if (minBackoff.isNegative() || maxBackoff.compareTo(minBackoff) < 0) {
      throw new IllegalArgumentException("need 0 <= minBackoff <= maxBackoff");
    }
  }
}
