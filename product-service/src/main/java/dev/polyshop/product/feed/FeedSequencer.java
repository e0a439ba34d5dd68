package dev.polyshop.product.feed;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Gives feed positions to events that have committed, in commit-visible id order. One run is one
 * transaction that holds the {@code feed_head} row lock, so runs on all replicas are serialised and
 * each run's positions are all above every position handed out before: a position becomes visible
 * only after every smaller one is, and a transaction that commits late simply gets a later position
 * instead of appearing behind a consumer's cursor.
 */
@Component
class FeedSequencer {

  private static final String ASSIGN_POSITIONS =
      """
      with next as (
        select id, row_number() over (order by id) as rn
        from change_event where position is null order by id limit :batch)
      update change_event e set position = :head + next.rn
      from next where e.id = next.id
      returning e.position""";

  private record Run(long head, int assigned) {}

  private record HeadState(long lastPosition, boolean pending) {}

  private final JdbcClient jdbc;
  private final TransactionTemplate transaction;
  private final FeedSignal signal;
  private final int batchSize;

  FeedSequencer(
      JdbcClient jdbc,
      PlatformTransactionManager transactionManager,
      FeedSignal signal,
      FeedProperties properties) {
    this.jdbc = jdbc;
    this.transaction = new TransactionTemplate(transactionManager);
    this.signal = signal;
    this.batchSize = properties.sequencerBatchSize();
  }

  /**
   * Numbers every event committed so far and publishes the new head to long-polling readers.
   *
   * @return the feed head after this run
   */
  long sequence() {
    Run run;
    do {
      run = transaction.execute(status -> sequenceBatch());
      signal.publish(run.head());
    } while (run.assigned() == batchSize);
    return run.head();
  }

  private Run sequenceBatch() {
    // Waits on the feed_head lock (held briefly by compaction batches) at most this long, and
    // fails the run instead of holding a pooled connection; the loop retries.
    jdbc.sql("select set_config('lock_timeout', '5s', true)").query().singleValue();
    jdbc.sql("select set_config('statement_timeout', '30s', true)").query().singleValue();
    HeadState state =
        jdbc.sql(
                """
                select last_position,
                       exists(select 1 from change_event where position is null) as pending
                from feed_head""")
            .query((rs, row) -> new HeadState(rs.getLong(1), rs.getBoolean(2)))
            .single();
    if (!state.pending()) {
      return new Run(state.lastPosition(), 0); // the common case takes no lock
    }
    long head =
        jdbc.sql("select last_position from feed_head for update").query(Long.class).single();
    List<Long> assigned =
        jdbc.sql(ASSIGN_POSITIONS)
            .param("batch", batchSize)
            .param("head", head)
            .query(Long.class)
            .list();
    long newHead = head + assigned.size();
    if (!assigned.isEmpty()) {
      jdbc.sql("update feed_head set last_position = :head").param("head", newHead).update();
    }
    return new Run(newHead, assigned.size());
  }
}
