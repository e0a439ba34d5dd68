package dev.polyshop.product.feed;

import dev.polyshop.catalog.v1.ChangeFeedPage;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Serves feed pages, long-polling without a database connection while nothing is new. Only reads:
 * positions are handed out by the sequencer alone (after local commits and on its timer), which
 * wakes waiting polls through {@link FeedSignal}.
 */
@Component
class ChangeFeed {

  private final ChangeFeedReader reader;
  private final FeedSignal signal;

  ChangeFeed(ChangeFeedReader reader, FeedSignal signal) {
    this.reader = reader;
    this.signal = signal;
  }

  /**
   * Events after {@code after} of feed {@code feedId} (null: any); when there are none and {@code
   * wait} is positive, waits up to {@code wait} for some to be sequenced.
   */
  ChangeFeedPage poll(String feedId, long after, int limit, Duration wait)
      throws InterruptedException {
    ChangeFeedPage page = reader.read(feedId, after, limit);
    long deadline = System.nanoTime() + wait.toNanos();
    long seenHead = page.getHeadPosition();
    while (page.getEventsCount() == 0) {
      long remaining = deadline - System.nanoTime();
      if (remaining <= 0 || !signal.awaitBeyond(seenHead, remaining)) {
        return page;
      }
      page = reader.read(feedId, after, limit);
      seenHead = Math.max(seenHead, page.getHeadPosition());
    }
    return page;
  }
}
