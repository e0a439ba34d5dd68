package dev.polyshop.product.feed;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;
import dev.polyshop.catalog.v1.ChangeEvent;
import dev.polyshop.catalog.v1.ChangeFeedPage;
import dev.polyshop.catalog.v1.Product;
import dev.polyshop.catalog.v1.ProductDeleted;
import dev.polyshop.product.system.ApiException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads one page of sequenced events. The head, the purge horizon and the events come from one
 * snapshot, so a compaction committing mid-read can never hide a purged tombstone behind a cursor
 * that still looks valid.
 */
@Component
class ChangeFeedReader {

  private record Head(long lastPosition, long purgedThrough) {}

  private final JdbcClient jdbc;
  private final TransactionTemplate snapshot;

  ChangeFeedReader(JdbcClient jdbc, PlatformTransactionManager transactionManager) {
    this.jdbc = jdbc;
    this.snapshot = new TransactionTemplate(transactionManager);
    snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    snapshot.setReadOnly(true);
  }

  /**
   * @throws ApiException 410 feed-reset when {@code after} is older than the purge horizon
   */
  ChangeFeedPage read(long after, int limit) {
    return snapshot.execute(status -> readInSnapshot(after, limit));
  }

  private ChangeFeedPage readInSnapshot(long after, int limit) {
    Head head =
        jdbc.sql("select last_position, purged_through from feed_head")
            .query((rs, row) -> new Head(rs.getLong(1), rs.getLong(2)))
            .single();
    if (after > 0 && after < head.purgedThrough()) {
      throw new ApiException(
          HttpStatus.GONE,
          "feed-reset",
          "Position "
              + after
              + " is older than what the feed retains (purged through "
              + head.purgedThrough()
              + "). Drop derived state and rebuild from after=0.");
    }
    List<ChangeEvent> events =
        jdbc.sql(
                """
                select position, product_id, version, kind, payload, committed_at
                from change_event where position > :after order by position limit :limit""")
            .param("after", after)
            .param("limit", limit)
            .query((rs, row) -> toEvent(rs))
            .list();
    return ChangeFeedPage.newBuilder()
        .addAllEvents(events)
        .setNextPosition(events.isEmpty() ? after : events.getLast().getPosition())
        .setHeadPosition(head.lastPosition())
        .build();
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
