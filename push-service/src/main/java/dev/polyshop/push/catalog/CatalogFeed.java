package dev.polyshop.push.catalog;

import dev.polyshop.catalog.v1.ChangeEvent;
import dev.polyshop.feed.ChangeFeedClient;
import dev.polyshop.feed.ChangeFeedFollower;
import dev.polyshop.feed.ChangeFeedListener;
import dev.polyshop.feed.FeedCursor;
import dev.polyshop.feed.FeedResetException;
import dev.polyshop.feed.FollowerSettings;
import dev.polyshop.kit.Tracing;
import dev.polyshop.push.fanout.EventStream;
import dev.polyshop.push.fanout.ResumeGate;
import dev.polyshop.push.replay.EventId;
import dev.polyshop.push.v1.ResetReason;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the catalog change feed from position 0 and appends the derived events to the catalog
 * stream with ids {@code c-<position>-<index>}, identical on every replica.
 *
 * <p>The whole feed is read at start (it is compacted, so this is the catalog size) to learn the
 * last price and stock of each product; what is derived on the way is logged like live events so
 * that resumes work across replicas, but a subscriber without a resume token only gets events newer
 * than the feed head at the time it subscribed. Where compaction removed the history needed to
 * derive a position exactly, the log is marked incomplete up to it (resumes from before it get a
 * {@code Reset}).
 *
 * <p>When the feed itself is replaced (product-service's database restored or failed over, so
 * positions this replica has seen now stand for other events), every subscriber gets a {@code
 * Reset} (RESET_REASON_CATALOG_REPLACED) and the new feed's events get ids above everything logged
 * before ({@code c-<base + position>-<index>}); such ids line up only across replicas that switched
 * feeds at the same position.
 */
public final class CatalogFeed implements ChangeFeedListener, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(CatalogFeed.class);

  private final EventStream stream;
  private final CatalogDeriver deriver = new CatalogDeriver();
  private final ChangeFeedFollower follower;
  private final Tracing tracing;
  private static final Duration AHEAD_MARGIN = Duration.ofSeconds(1);

  private long lastEmittedPosition; // an id major: idBase + feed position
  private volatile long idBase; // added to the current feed's positions to form ids
  private long lastGap = -1;
  private volatile boolean caughtUp;
  private volatile long knownHead = -1;
  private volatile long applied;

  private CatalogFeed(
      EventStream stream, ChangeFeedClient client, FollowerSettings settings, Tracing tracing) {
    this.stream = stream;
    this.tracing = tracing;
    this.follower =
        new ChangeFeedFollower(client, this, settings, FeedCursor.START, "push-catalog-feed");
    stream.setNewSubscriberFloor(this::newSubscriberFloor, this::headFloor);
    stream.setResumeGate(this::resumeVerdict);
  }

  /**
   * Starts following the feed in the background; with tracing on, each batch is a {@code publish
   * catalog changes} span linked to the traces of its writes.
   */
  public static CatalogFeed start(
      EventStream stream, ChangeFeedClient client, FollowerSettings settings, Tracing tracing) {
    CatalogFeed feed = new CatalogFeed(stream, client, settings, tracing);
    feed.follower.start();
    return feed;
  }

  @Override
  public void onEvents(List<ChangeEvent> events, FeedCursor next) throws Exception {
    List<String> writes =
        events.stream().map(ChangeEvent::getTraceParent).filter(t -> !t.isEmpty()).toList();
    tracing.linkedSpan(
        "publish catalog changes",
        writes,
        () -> {
          publish(events, next);
          return null;
        });
  }

  private void publish(List<ChangeEvent> events, FeedCursor next) {
    knownHead = idBase + follower.position() + follower.lag(); // the head reported with this page
    for (ChangeEvent event : events) {
      CatalogDeriver.Result result = deriver.apply(event);
      long position = idBase + event.getPosition();
      if (position <= lastEmittedPosition) {
        continue; // re-read after a feed reset: state only, these ids were logged already
      }
      if (result.incomplete()) {
        stream.log().markIncompleteThrough(EventId.afterPosition(position));
      }
      for (CatalogDeriver.Derived derived : result.events()) {
        stream.append(
            EventId.catalog(position, derived.index()),
            derived.topic(),
            derived.type(),
            derived.dataJson(),
            event.getCommitTime());
      }
      lastEmittedPosition = position;
    }
    applied = idBase + next.position(); // an id major, like the tokens it is compared with
    stream.recheckWaiting();
  }

  @Override
  public void onReset(FeedResetException reset) {
    log.warn("catalog feed reset ({}): rebuilding product state from position 0", reset.reason());
    deriver.clear();
    caughtUp = false;
    // Events between our cursor and the purge point may never have been seen here.
    stream.log().markIncompleteThrough(EventId.afterPosition(lastEmittedPosition));
    if (reset.reason().positionsReused()) {
      // What subscribers derived may not match the catalog any more: tell every one of them now.
      if (lastGap != lastEmittedPosition) {
        stream.gap(
            EventId.afterPosition(lastEmittedPosition), ResetReason.RESET_REASON_CATALOG_REPLACED);
        lastGap = lastEmittedPosition;
      }
      idBase = lastEmittedPosition;
    }
    applied = idBase;
  }

  @Override
  public void onCaughtUp() {
    knownHead = idBase + follower.position();
    caughtUp = true;
    log.info("catalog feed: caught up, {} products tracked", deriver.size());
    stream.recheckWaiting();
  }

  /**
   * A resume waits until the log can answer it exactly: the initial read (or a rebuild) may still
   * find history that compaction removed, which moves the incomplete boundary, and positions not
   * applied yet have no events in the log. A token beyond the head that the feed reported after the
   * subscriber arrived names nothing the feed has.
   */
  private ResumeGate.Verdict resumeVerdict(EventId token, Instant since) {
    if (!caughtUp) {
      return ResumeGate.Verdict.WAIT;
    }
    if (token.major() <= applied) {
      return ResumeGate.Verdict.START;
    }
    long head = idBase + follower.position() + follower.lag();
    boolean headIsNewer = follower.lastContact().isAfter(since.plus(AHEAD_MARGIN));
    return headIsNewer && token.major() > head ? ResumeGate.Verdict.AHEAD : ResumeGate.Verdict.WAIT;
  }

  private @Nullable EventId newSubscriberFloor() {
    if (caughtUp) {
      return null;
    }
    return knownHead < 0 ? EventStream.DEFERRED : EventId.afterPosition(knownHead);
  }

  private EventId headFloor() {
    return EventId.afterPosition(Math.max(0, knownHead));
  }

  /** The last feed position applied. */
  public long position() {
    return follower.position();
  }

  /** Positions behind the newest the feed has reported. */
  public long lag() {
    return follower.lag();
  }

  /** Seconds since the follower last stood at the feed's head (0 while it stands there). */
  public double lagSeconds() {
    return follower.lagSeconds();
  }

  /** True once the initial read of the feed reached its head. */
  public boolean caughtUp() {
    return caughtUp;
  }

  @Override
  public void close() throws InterruptedException {
    follower.close();
  }
}
