package dev.polyshop.feed;

import dev.polyshop.catalog.v1.ChangeFeedPage;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the change feed from a cursor on one virtual thread: reads, hands batches to a listener,
 * long-polls once caught up, backs off while product-service is unreachable, restarts from zero on
 * a reset. It sends the feed id with its cursor and adopts the first page's id when it has none.
 */
public final class ChangeFeedFollower implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ChangeFeedFollower.class);

  private final ChangeFeedClient client;
  private final ChangeFeedListener listener;
  private final FollowerSettings settings;
  private final Thread thread;

  private volatile FeedCursor cursor;
  private volatile long headPosition;
  private volatile boolean caughtUp;
  private volatile Instant lastContact = Instant.EPOCH;
  private volatile Instant lastAtHead = Instant.now();
  private volatile boolean running = true;

  /**
   * @param start the cursor the consumer stored ({@link FeedCursor#START} for an empty consumer)
   */
  public ChangeFeedFollower(
      ChangeFeedClient client,
      ChangeFeedListener listener,
      FollowerSettings settings,
      FeedCursor start,
      String name) {
    this.client = client;
    this.listener = listener;
    this.settings = settings;
    this.cursor = start;
    this.thread = Thread.ofVirtual().name(name).unstarted(this::run);
  }

  /** Starts following; returns at once. */
  public ChangeFeedFollower start() {
    thread.start();
    return this;
  }

  /** The last position handed to the listener (and applied by it). */
  public long position() {
    return cursor.position();
  }

  /** The feed id and position the follower stands at (the id as soon as a page named it). */
  public FeedCursor cursor() {
    return cursor;
  }

  /** How many positions the consumer is behind the newest one it has heard of. */
  public long lag() {
    return Math.max(0, headPosition - cursor.position());
  }

  /**
   * How long the consumer has been behind: seconds since it last stood at the newest position it
   * had heard of (since start if never), 0 while it stands there. Positions say how much is left;
   * this says how stale the consumer's view is, which is what an alert on a slow consumer needs.
   */
  public double lagSeconds() {
    return lag() == 0 ? 0 : Duration.between(lastAtHead, Instant.now()).toMillis() / 1000.0;
  }

  /** True once the follower has reached the head since start or the last reset. */
  public boolean caughtUp() {
    return caughtUp;
  }

  /** When product-service last answered; {@link Instant#EPOCH} if never. */
  public Instant lastContact() {
    return lastContact;
  }

  private void run() {
    Backoff backoff = new Backoff(settings.minBackoff(), settings.maxBackoff());
    while (running) {
      try {
        step();
        backoff.reset();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (FeedResetException e) {
        reset(e);
      } catch (Exception e) {
        if (!running) {
          return;
        }
        log.warn(
            "change feed: {} (retrying within {} ms)", e.toString(), backoff.delay().toMillis());
        if (!backoff.pause()) {
          return;
        }
      }
    }
  }

  private void step() throws Exception {
    Duration wait = caughtUp ? settings.longPollWait() : Duration.ZERO;
    FeedCursor asked = cursor;
    ChangeFeedPage page = client.poll(asked, settings.batchSize(), wait);
    lastContact = Instant.now();
    String feedId = page.getFeedId().isEmpty() ? asked.feedId() : page.getFeedId();
    if (asked.feedId() != null && !asked.feedId().equals(feedId)) {
      // A server that does not check `feed` itself: the page is from another feed all the same.
      throw new FeedResetException(asked, FeedResetException.Reason.FEED_REPLACED);
    }
    headPosition = Math.max(page.getHeadPosition(), page.getNextPosition());
    FeedCursor next = new FeedCursor(feedId, page.getNextPosition());
    if (page.getEventsCount() > 0) {
      listener.onEvents(page.getEventsList(), next);
    }
    cursor = next;
    if (next.position() >= headPosition) {
      lastAtHead = Instant.now();
    }
    if (!caughtUp && next.position() >= headPosition) {
      caughtUp = true;
      log.info("change feed: caught up at position {} of feed {}", next.position(), feedId);
      listener.onCaughtUp();
    }
  }

  private void reset(FeedResetException reset) {
    log.warn(
        "change feed: cursor {} of feed {} is no longer served ({}); rebuilding from the start",
        cursor.position(),
        cursor.feedId(),
        reset.reason());
    try {
      listener.onReset(reset);
      cursor = FeedCursor.START;
      caughtUp = false;
    } catch (Exception e) {
      log.error("change feed: reset failed; will retry", e);
      Backoff.sleep(settings.maxBackoff());
    }
  }

  /** Stops following and waits for the thread to end (an in-flight long-poll is abandoned). */
  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.interrupt();
    thread.join(Duration.ofSeconds(5));
  }
}
