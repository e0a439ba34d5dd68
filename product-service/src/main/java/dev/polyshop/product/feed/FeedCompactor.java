package dev.polyshop.product.feed;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Compacts the feed like a log, under the {@code feed_head} lock so no sequencer run interleaves.
 *
 * <ol>
 *   <li>Removes every event that a newer sequenced event of the same product supersedes; the newest
 *       event of every product stays, so reading from 0 always yields the whole catalog.
 *   <li>At most once per retention period, removes tombstones older than the retention and raises
 *       {@code purged_through} to the newest one removed: a cursor below it could have missed a
 *       delete, so it gets 410 and the consumer rebuilds from 0. The events still kept below the
 *       horizon get new positions above the head (same content and version; a consumer that already
 *       has them ignores them), so a rebuild from 0 never runs into the horizon itself.
 * </ol>
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

  private record Head(long lastPosition, long purgedThrough, boolean purgeDue) {}

  private record Purge(int removed, long newest) {}

  private final JdbcClient jdbc;
  private final TransactionTemplate transaction;
  private final FeedSignal signal;
  private final FeedProperties properties;

  FeedCompactor(
      JdbcClient jdbc,
      PlatformTransactionManager transactionManager,
      FeedSignal signal,
      FeedProperties properties) {
    this.jdbc = jdbc;
    this.transaction = new TransactionTemplate(transactionManager);
    this.signal = signal;
    this.properties = properties;
  }

  Result compact(Duration tombstoneRetention) {
    double retentionSeconds = tombstoneRetention.toMillis() / 1000.0;
    Result result = transaction.execute(status -> compactLocked(retentionSeconds));
    signal.advanceTo(result.head());
    return result;
  }

  private Result compactLocked(double retentionSeconds) {
    Head head =
        jdbc.sql(
                """
                select last_position, purged_through,
                       coalesce(purged_at < now() - make_interval(secs => :retention), true)
                from feed_head for update""")
            .param("retention", retentionSeconds)
            .query((rs, row) -> new Head(rs.getLong(1), rs.getLong(2), rs.getBoolean(3)))
            .single();
    int superseded =
        jdbc.sql(
                """
                delete from change_event e
                where e.position is not null
                  and exists (select 1 from change_event n
                              where n.product_id = e.product_id and n.position > e.position)""")
            .update();
    Purge purge = head.purgeDue() ? purgeTombstones(retentionSeconds) : new Purge(0, 0);
    if (purge.removed() == 0 || purge.newest() <= head.purgedThrough()) {
      return new Result(superseded, purge.removed(), 0, head.purgedThrough(), head.lastPosition());
    }
    int renumbered =
        jdbc.sql(
                """
                with kept as (
                  select id, row_number() over (order by position) as rn
                  from change_event where position <= :horizon)
                update change_event e set position = :head + kept.rn
                from kept where e.id = kept.id""")
            .param("horizon", purge.newest())
            .param("head", head.lastPosition())
            .update();
    long newHead = head.lastPosition() + renumbered;
    jdbc.sql(
            """
            update feed_head
            set last_position = :head, purged_through = :horizon, purged_at = now()""")
        .param("head", newHead)
        .param("horizon", purge.newest())
        .update();
    return new Result(superseded, purge.removed(), renumbered, purge.newest(), newHead);
  }

  private Purge purgeTombstones(double retentionSeconds) {
    return jdbc.sql(
            """
            with purged as (
              delete from change_event e
              where e.kind = 'DELETE' and e.position is not null
                and e.committed_at < now() - make_interval(secs => :retention)
                and not exists (select 1 from change_event n
                                where n.product_id = e.product_id
                                  and (n.position is null or n.position > e.position))
              returning e.position)
            select count(*), coalesce(max(position), 0) from purged""")
        .param("retention", retentionSeconds)
        .query((rs, row) -> new Purge(rs.getInt(1), rs.getLong(2)))
        .single();
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
