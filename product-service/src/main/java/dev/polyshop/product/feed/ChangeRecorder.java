package dev.polyshop.product.feed;

import com.google.protobuf.Timestamp;
import dev.polyshop.catalog.v1.Product;
import dev.polyshop.catalog.v1.ProductDeleted;
import dev.polyshop.kit.Tracing;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The outbox writer: records a product change as an unsequenced event in the caller's transaction,
 * so the change and its event commit or roll back together; the sequencer numbers it after commit.
 * The event carries the trace of the request that made the change, when it is traced.
 */
@Component
public class ChangeRecorder {

  private static final String INSERT =
      """
      insert into change_event (product_id, version, kind, payload, committed_at, trace_parent)
      values (?, ?, ?, ?, ?, ?)""";

  private final JdbcTemplate jdbc;
  private final SequencerLoop sequencerLoop;

  ChangeRecorder(JdbcTemplate jdbc, SequencerLoop sequencerLoop) {
    this.jdbc = jdbc;
    this.sequencerLoop = sequencerLoop;
  }

  /** A product was created or updated; {@code snapshot} is its full state after the change. */
  public void upserted(Product snapshot) {
    upsertedAll(List.of(snapshot));
  }

  /** Several products were created or updated in this transaction. */
  public void upsertedAll(List<Product> snapshots) {
    if (snapshots.isEmpty()) {
      return;
    }
    sequenceAfterCommit();
    String traceParent = Tracing.currentTraceParent().orElse(null);
    jdbc.batchUpdate(
        INSERT,
        snapshots.stream()
            .map(
                snapshot ->
                    new Object[] {
                      UUID.fromString(snapshot.getId()),
                      snapshot.getVersion(),
                      "UPSERT",
                      snapshot.toByteArray(),
                      time(snapshot.getUpdateTime()),
                      traceParent
                    })
            .toList());
  }

  /** A product was deleted; {@code version} is the version that was deleted. */
  public void deleted(UUID productId, String sku, long version, Instant deletedAt) {
    sequenceAfterCommit();
    byte[] tombstone = ProductDeleted.newBuilder().setSku(sku).build().toByteArray();
    jdbc.update(
        INSERT,
        productId,
        version,
        "DELETE",
        tombstone,
        OffsetDateTime.ofInstant(deletedAt, ZoneOffset.UTC),
        Tracing.currentTraceParent().orElse(null));
  }

  private void sequenceAfterCommit() {
    if (!TransactionSynchronizationManager.isActualTransactionActive()) {
      throw new IllegalStateException("change events must be recorded in the change's transaction");
    }
    TransactionSynchronizationManager.registerSynchronization(
        new TransactionSynchronization() {
          @Override
          public void afterCommit() {
            sequencerLoop.runSoon();
          }
        });
  }

  private static OffsetDateTime time(Timestamp timestamp) {
    return OffsetDateTime.ofInstant(
        Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos()), ZoneOffset.UTC);
  }
}
