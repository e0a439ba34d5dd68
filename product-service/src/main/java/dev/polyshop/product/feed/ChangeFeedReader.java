package dev.polyshop.product.feed;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;
import dev.polyshop.catalog.v1.ChangeEvent;
import dev.polyshop.catalog.v1.ChangeFeedPage;
import dev.polyshop.catalog.v1.Product;
import dev.polyshop.catalog.v1.ProductDeleted;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads one page of sequenced events; never sequences. The feed id, the head, the purge horizon and
 * the events come from one snapshot, so a compaction committing mid-read can never hide a purged
 * tombstone behind a cursor that still looks valid.
 */
@Component
class ChangeFeedReader {

  private record Head(String feedId, long lastPosition, long purgedThrough) {}

  /** Bounds every feed query, so a read can never hold a pooled connection for long. */
  static final String STATEMENT_TIMEOUT = "10s";

  private final JdbcClient jdbc;
  private final TransactionTemplate snapshot;

  ChangeFeedReader(JdbcClient jdbc, PlatformTransactionManager transactionManager) {
    this.jdbc = jdbc;
    this.snapshot = new TransactionTemplate(transactionManager);
    snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    snapshot.setReadOnly(true);
  }

  /**
   * Events after {@code after} in the feed {@code feedId} (null: whichever feed this is).
   *
   * @throws FeedResetException when the cursor cannot be served: another feed, ahead of the head,
   *     or older than the purge horizon
   */
  ChangeFeedPage read(String feedId, long after, int limit) {
    return snapshot.execute(status -> readInSnapshot(feedId, after, limit));
  }

  private ChangeFeedPage readInSnapshot(String feedId, long after, int limit) {
    jdbc.sql("select set_config('statement_timeout', :timeout, true)")
        .param("timeout", STATEMENT_TIMEOUT)
        .query()
        .singleValue();
    Head head =
        jdbc.sql("select feed_id::text, last_position, purged_through from feed_head")
            .query((rs, row) -> new Head(rs.getString(1), rs.getLong(2), rs.getLong(3)))
            .single();
    check(head, feedId, after);
    List<ChangeEvent> events =
        jdbc.sql(
                """
                select position, product_id, version, kind, payload, committed_at, trace_parent
                from change_event where position > :after order by position limit :limit""")
            .param("after", after)
            .param("limit", limit)
            .query((rs, row) -> toEvent(rs))
            .list();
    return ChangeFeedPage.newBuilder()
        .addAllEvents(events)
        .setNextPosition(events.isEmpty() ? after : events.getLast().getPosition())
        .setHeadPosition(head.lastPosition())
        .setFeedId(head.feedId())
        .build();
  }

  private static void check(Head head, String feedId, long after) {
    if (feedId != null && !feedId.equals(head.feedId())) {
      throw new FeedResetException(
          FeedResetException.Reason.FEED_REPLACED,
          head.feedId(),
          head.lastPosition(),
          "The cursor belongs to feed " + feedId + ", not to this one (" + head.feedId() + ").");
    }
    if (after > head.lastPosition()) {
      throw new FeedResetException(
          FeedResetException.Reason.CURSOR_AHEAD,
          head.feedId(),
          head.lastPosition(),
          "Position " + after + " lies ahead of the feed's head " + head.lastPosition() + ".");
    }
    if (after > 0 && after < head.purgedThrough()) {
      throw new FeedResetException(
          FeedResetException.Reason.CURSOR_PURGED,
          head.feedId(),
          head.lastPosition(),
          "Position "
              + after
              + " is older than what the feed retains (purged through "
              + head.purgedThrough()
              + ").");
    }
  }

  private static ChangeEvent toEvent(ResultSet rs) throws SQLException {
    OffsetDateTime committed = rs.getObject("committed_at", OffsetDateTime.class);
    ChangeEvent.Builder event =
        ChangeEvent.newBuilder()
            .setPosition(rs.getLong("position"))
            .setProductId(rs.getString("product_id"))
            .setVersion(rs.getLong("version"))
            .setCommitTime(
                Timestamp.newBuilder()
                    .setSeconds(committed.toEpochSecond())
                    .setNanos(committed.getNano()));
    String traceParent = rs.getString("trace_parent");
    if (traceParent != null) {
      event.setTraceParent(traceParent);
    }
    byte[] payload = rs.getBytes("payload");
    try {
      if ("DELETE".equals(rs.getString("kind"))) {
        event.setDelete(ProductDeleted.parseFrom(payload));
      } else {
        event.setUpsert(Product.parseFrom(payload));
      }
    } catch (InvalidProtocolBufferException corrupt) {
      throw new IllegalStateException(
          "unreadable change event at position " + rs.getLong("position"), corrupt);
    }
    return event.build();
  }
}
