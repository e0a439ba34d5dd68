package dev.polyshop.product.feed;

import dev.polyshop.catalog.v1.ChangeFeedPage;
import java.time.Duration;
import org.springframework.stereotype.Component;

/** Serves feed pages, long-polling without a database connection while nothing is new. */
@Component
class ChangeFeed {

  private final FeedSequencer sequencer;
  private final ChangeFeedReader reader;
  private final FeedSignal signal;

  ChangeFeed(FeedSequencer sequencer, ChangeFeedReader reader, FeedSignal signal) {
    this.sequencer = sequencer;
    this.reader = reader;
    this.signal = signal;
  }

  /**
   * Events after {@code after}; when there are none and {@code wait} is positive, waits up to
   * {@code wait} for some to be sequenced.
   */
  ChangeFeedPage poll(long after, int limit, Duration wait) throws InterruptedException {
    sequencer.sequence(); // hand out everything that has committed before reading
    ChangeFeedPage page = reader.read(after, limit);
    long deadline = System.nanoTime() + wait.toNanos();
    long seenHead = page.getHeadPosition();
    while (page.getEventsCount() == 0) {
      long remaining = deadline - System.nanoTime();
      if (remaining <= 0 || !signal.awaitBeyond(seenHead, remaining)) {
        return page;
      }
      page = reader.read(after, limit);
      seenHead = Math.max(seenHead, page.getHeadPosition());
    }
    return page;
  }
}
