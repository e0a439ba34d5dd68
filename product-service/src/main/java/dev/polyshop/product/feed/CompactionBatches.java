package dev.polyshop.product.feed;

import java.time.OffsetDateTime;
import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The compactor's steps, each one short transaction with a lock and a statement timeout (see {@link
 * FeedCompactor} for why each is safe on its own).
 */
@Component
class CompactionBatches {

  /** Positions (or rows) handled per transaction. */
  static final int BATCH_SIZE = 5_000;

  /** Longest wait for the {@code feed_head} lock; the sequencer and writers never wait longer. */
  static final String LOCK_TIMEOUT = "2s";

  static final String STATEMENT_TIMEOUT = "30s";

  record Head(long lastPosition, long purgedThrough, boolean purgeDue) {}

  /** One batch: positions up to {@code through} done; {@code head} after it. */
  record Batch(long through, int count, int superseded, long head) {}

  private static final String SUPERSEDED_IN_RANGE =
      """
      delete from change_event e
      where e.position > :lo and e.position <= :hi
        and exists (select 1 from change_event n
                    where n.product_id = e.product_id and n.position > e.position)""";

  private final JdbcClient jdbc;
  private final TransactionTemplate transaction;

  CompactionBatches(JdbcClient jdbc, PlatformTransactionManager transactionManager) {
    this.jdbc = jdbc;
    this.transaction = new TransactionTemplate(transactionManager);
  }

  /** Removes superseded events among the next batch of positions after {@code lo}; null: done. */
  Batch removeSuperseded(long lo) {
    return inTransaction(
        () -> {
          Long hi = batchEnd(lo, Long.MAX_VALUE);
          if (hi == null) {
            return null;
          }
          int removed = rangeUpdate(SUPERSEDED_IN_RANGE, lo, hi);
          return new Batch(hi, removed, removed, 0);
        });
  }

  /** The head, and whether tombstones committed before {@code cutoff} may be purged now. */
  Head head(OffsetDateTime cutoff) {
    return inTransaction(
        () ->
            jdbc.sql(
                    """
                    select last_position, purged_through, coalesce(purged_at < :cutoff, true)
                    from feed_head""")
                .param("cutoff", cutoff)
                .query((rs, row) -> new Head(rs.getLong(1), rs.getLong(2), rs.getBoolean(3)))
                .single());
  }

  /** The newest tombstone committed before {@code cutoff} that nothing supersedes (0: none). */
  long purgeHorizon(OffsetDateTime cutoff) {
    return inTransaction(
        () ->
            jdbc.sql(
                    """
                    select coalesce(max(e.position), 0) from change_event e
                    where e.kind = 'DELETE' and e.position is not null
                      and e.committed_at < :cutoff
                      and not exists (select 1 from change_event n
                                      where n.product_id = e.product_id
                                        and (n.position is null or n.position > e.position))""")
                .param("cutoff", cutoff)
                .query(Long.class)
                .single());
  }

  /**
   * Under the {@code feed_head} lock: of the next batch of positions after {@code lo} (up to {@code
   * horizon}), removes superseded events and gives the others, except the tombstones to purge, new
   * positions above the head. Null: nothing left below the horizon.
   */
  Batch moveAboveHead(long lo, long horizon, OffsetDateTime cutoff) {
    return inTransaction(
        () -> {
          long head =
              jdbc.sql("select last_position from feed_head for update").query(Long.class).single();
          Long hi = batchEnd(lo, horizon);
          if (hi == null) {
            return null;
          }
          int superseded = rangeUpdate(SUPERSEDED_IN_RANGE, lo, hi);
          int moved =
              jdbc.sql(
                      """
                      with kept as (
                        select id, row_number() over (order by position) as rn
                        from change_event
                        where position > :lo and position <= :hi
                          and not (kind = 'DELETE' and committed_at < :cutoff))
                      update change_event e set position = :head + kept.rn
                      from kept where e.id = kept.id""")
                  .param("lo", lo)
                  .param("hi", hi)
                  .param("cutoff", cutoff)
                  .param("head", head)
                  .update();
          jdbc.sql("update feed_head set last_position = :head")
              .param("head", head + moved)
              .update();
          return new Batch(hi, moved, superseded, head + moved);
        });
  }

  /** Raises {@code purged_through} to {@code horizon}; returns the head. */
  long raiseHorizon(long horizon) {
    return inTransaction(
        () ->
            jdbc.sql(
                    """
                    update feed_head
                    set purged_through = greatest(purged_through, :horizon), purged_at = now()
                    returning last_position""")
                .param("horizon", horizon)
                .query(Long.class)
                .single());
  }

  /** Deletes a batch of what is left at or below the horizon (the purged tombstones). */
  int removeBelow(long horizon) {
    return inTransaction(
        () ->
            jdbc.sql(
                    """
                    delete from change_event where id in (
                      select id from change_event where position <= :horizon limit :batch)""")
                .param("horizon", horizon)
                .param("batch", BATCH_SIZE)
                .update());
  }

  /** The position closing the next batch after {@code lo}, at most {@code max}; null if none. */
  private Long batchEnd(long lo, long max) {
    return jdbc.sql(
            """
            select max(position) from (
              select position from change_event
              where position > :lo and position <= :max order by position limit :batch) b""")
        .param("lo", lo)
        .param("max", max)
        .param("batch", BATCH_SIZE)
        .query((rs, row) -> rs.getObject(1, Long.class))
        .list()
        .getFirst();
  }

  private int rangeUpdate(String sql, long lo, long hi) {
    return jdbc.sql(sql).param("lo", lo).param("hi", hi).update();
  }

  private <T> T inTransaction(Supplier<T> work) {
    return transaction.execute(
        status -> {
          jdbc.sql("select set_config('lock_timeout', :t, true)")
              .param("t", LOCK_TIMEOUT)
              .query()
              .singleValue();
          jdbc.sql("select set_config('statement_timeout', :t, true)")
              .param("t", STATEMENT_TIMEOUT)
              .query()
              .singleValue();
          return work.get();
        });
  }
}
