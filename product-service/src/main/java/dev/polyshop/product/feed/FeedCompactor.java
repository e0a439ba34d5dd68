package dev.polyshop.product.feed;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Compacts the feed like a log, in short batches so that no transaction holds the {@code feed_head}
 * lock (or any pooled connection) for long, and none waits long for it.
 *
 * <ol>
 *   <li>Removes every event that a newer sequenced event of the same product supersedes, one range
 *       of positions at a time, without the lock (positions only ever move up, and only for the
 *       newest event of a product, so a superseded event stays superseded). The newest event of
 *       every product stays, so reading from 0 always yields the whole catalog.
 *   <li>At most once per retention period, purges tombstones older than the retention: first the
 *       events still kept below the newest such tombstone get new positions above the head, a batch
 *       per locked transaction (same content and version; a consumer that already has them ignores
 *       them), so a rebuild from 0 never runs into the horizon; then {@code purged_through} is
 *       raised to that tombstone (a cursor below it could miss a delete: 410, rebuild); then the
 *       tombstones are deleted.
 * </ol>
 *
 * A batch that cannot get the lock within {@link CompactionBatches#LOCK_TIMEOUT} fails the run,
 * which the next interval repeats; a run stopped half-way leaves a correct feed.
 */
@Component
class FeedCompactor implements SchedulingConfigurer {

  private static final Logger log = LoggerFactory.getLogger(FeedCompactor.class);

  record Result(
      int supersededRemoved,
      int tombstonesRemoved,
      int renumbered,
      long purgedThrough,
      long head) {}

  private final CompactionBatches batches;
  private final FeedSignal signal;
  private final FeedProperties properties;

  FeedCompactor(CompactionBatches batches, FeedSignal signal, FeedProperties properties) {
    this.batches = batches;
    this.signal = signal;
    this.properties = properties;
  }

  Result compact(Duration tombstoneRetention) {
    int superseded = 0;
    long lo = 0;
    for (var range = batches.removeSuperseded(lo); range != null; ) {
      superseded += range.count();
      lo = range.through();
      range = batches.removeSuperseded(lo);
    }
    OffsetDateTime cutoff = OffsetDateTime.now(ZoneOffset.UTC).minus(tombstoneRetention);
    CompactionBatches.Head head = batches.head(cutoff);
    if (!head.purgeDue()) {
      return new Result(superseded, 0, 0, head.purgedThrough(), head.lastPosition());
    }
    long horizon = batches.purgeHorizon(cutoff);
    if (horizon <= head.purgedThrough()) {
      return new Result(superseded, 0, 0, head.purgedThrough(), head.lastPosition());
    }
    int renumbered = 0;
    lo = 0;
    for (var moved = batches.moveAboveHead(lo, horizon, cutoff); moved != null; ) {
      superseded += moved.superseded();
      renumbered += moved.count();
      signal.advanceTo(moved.head());
      lo = moved.through();
      moved = batches.moveAboveHead(lo, horizon, cutoff);
    }
    long newHead = batches.raiseHorizon(horizon);
    int tombstones = 0;
    for (int removed = batches.removeBelow(horizon); removed > 0; ) {
      tombstones += removed;
      removed = batches.removeBelow(horizon);
    }
    signal.advanceTo(newHead);
    return new Result(superseded, tombstones, renumbered, horizon, newHead);
  }

  @Override
  public void configureTasks(ScheduledTaskRegistrar registrar) {
    Duration interval = properties.compactionInterval();
    registrar.addFixedDelayTask(new FixedDelayTask(this::compactOnSchedule, interval, interval));
  }

  private void compactOnSchedule() {
    try {
      Result result = compact(properties.tombstoneRetention());
      log.info(
          "Feed compaction: {} superseded events and {} tombstones removed, {} renumbered;"
              + " purged through {}, head {}",
          result.supersededRemoved(),
          result.tombstonesRemoved(),
          result.renumbered(),
          result.purgedThrough(),
          result.head());
    } catch (RuntimeException error) {
      log.warn("Feed compaction failed; retrying in {}", properties.compactionInterval(), error);
    }
  }
}
