package dev.polyshop.search.feed;

import dev.polyshop.catalog.v1.ChangeEvent;
import dev.polyshop.feed.ChangeFeedListener;
import dev.polyshop.feed.FeedCursor;
import dev.polyshop.feed.FeedResetException;
import dev.polyshop.kit.Tracing;
import dev.polyshop.search.index.ProductIndex;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the change feed to the index. The cursor (feed id and position) is stored by the index
 * itself (in its commit data), so documents and cursor never disagree after a restart, and a
 * restart against a restored or replaced product-service database is answered with a reset. With
 * tracing on, each batch is an {@code index changes} span linked to the traces of its writes.
 */
public final class IndexingFeedListener implements ChangeFeedListener {

  private static final Logger log = LoggerFactory.getLogger(IndexingFeedListener.class);

  private final ProductIndex index;
  private final Tracing tracing;
  private final Runnable caughtUp;
  private final Runnable rebuilding;

  /**
   * @param caughtUp called once the index holds everything up to the feed's head (after a start or
   *     a rebuild) and searches can see it
   * @param rebuilding called before the index is dropped for a rebuild from position 0
   */
  public IndexingFeedListener(
      ProductIndex index, Tracing tracing, Runnable caughtUp, Runnable rebuilding) {
    this.index = index;
    this.tracing = tracing;
    this.caughtUp = caughtUp;
    this.rebuilding = rebuilding;
  }

  @Override
  public void onEvents(List<ChangeEvent> events, FeedCursor next) throws Exception {
    // One span per batch, linked to the trace of each write it applies.
    int changed =
        tracing.linkedSpan("index changes", traceParents(events), () -> index.apply(events, next));
    log.debug("applied {} of {} events up to position {}", changed, events.size(), next.position());
  }

  /** The traces of the writes behind {@code events}, for the span that applies them. */
  public static List<String> traceParents(List<ChangeEvent> events) {
    return events.stream().map(ChangeEvent::getTraceParent).filter(t -> !t.isEmpty()).toList();
  }

  @Override
  public void onReset(FeedResetException reset) throws Exception {
    rebuilding.run();
    index.reset();
    log.warn("index dropped ({}); rebuilding from the start of the change feed", reset.reason());
  }

  @Override
  public void onCaughtUp() {
    try {
      index.refresh();
    } catch (Exception e) {
      // The periodic refresh makes the changes visible shortly anyway.
      log.warn("refresh after catching up failed", e);
    }
    caughtUp.run();
  }
}
