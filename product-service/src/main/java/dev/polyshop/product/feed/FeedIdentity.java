package dev.polyshop.product.feed;

import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the feed id tied to the database it was issued in. The id travels with the data, so a
 * restored dump or a promoted standby would otherwise serve new events under positions its
 * consumers already hold; when the database's incarnation (cluster system identifier, WAL timeline,
 * database oid) no longer matches the one stored with the id, a new id is issued and every consumer
 * of the old one gets 410 and rebuilds.
 */
@Component
class FeedIdentity {

  private static final Logger log = LoggerFactory.getLogger(FeedIdentity.class);

  private static final String FULL_INCARNATION =
      """
      select (select system_identifier from pg_control_system())
             || '/' || substr(pg_walfile_name(pg_current_wal_lsn()), 1, 8)
             || '/' || (select oid from pg_database where datname = current_database())""";

  /** Without the privilege to read pg_control_system() the oid and timeline still tell a lot. */
  private static final String BASIC_INCARNATION =
      """
      select '-/' || substr(pg_walfile_name(pg_current_wal_lsn()), 1, 8)
             || '/' || (select oid from pg_database where datname = current_database())""";

  private static final String INSUFFICIENT_PRIVILEGE = "42501";

  private record Stored(String feedId, String incarnation) {}

  private final JdbcClient jdbc;
  private final TransactionTemplate transaction;
  private volatile boolean fullIncarnationReadable = true;

  FeedIdentity(JdbcClient jdbc, PlatformTransactionManager transactionManager) {
    this.jdbc = jdbc;
    this.transaction = new TransactionTemplate(transactionManager);
  }

  /**
   * Issues a new feed id if the database is not the one the current id was issued in.
   *
   * @return the feed id in force
   */
  String verify() {
    String incarnation = incarnation();
    Stored stored = read(false);
    if (incarnation.equals(stored.incarnation())) {
      return stored.feedId();
    }
    return transaction.execute(status -> reissue(incarnation));
  }

  private String reissue(String incarnation) {
    jdbc.sql("select set_config('lock_timeout', '5s', true)").query().singleValue();
    Stored stored = read(true);
    if (incarnation.equals(stored.incarnation())) {
      return stored.feedId();
    }
    if (stored.incarnation() == null) {
      // First start with this column: the id was issued here by the migration.
      update("update feed_head set database_incarnation = :incarnation", incarnation);
      return stored.feedId();
    }
    String newId =
        jdbc.sql(
                """
                update feed_head set feed_id = gen_random_uuid(),
                                     database_incarnation = :incarnation
                returning feed_id::text""")
            .param("incarnation", incarnation)
            .query(String.class)
            .single();
    log.warn(
        "Database incarnation changed ({} -> {}): restored or failed over. New feed id {}"
            + " replaces {}; consumers of the old one will rebuild.",
        stored.incarnation(),
        incarnation,
        newId,
        stored.feedId());
    return newId;
  }

  private Stored read(boolean forUpdate) {
    return jdbc.sql(
            "select feed_id::text, database_incarnation from feed_head"
                + (forUpdate ? " for update" : ""))
        .query((rs, row) -> new Stored(rs.getString(1), rs.getString(2)))
        .single();
  }

  private void update(String sql, String incarnation) {
    jdbc.sql(sql).param("incarnation", incarnation).update();
  }

  private String incarnation() {
    if (fullIncarnationReadable) {
      try {
        return jdbc.sql(FULL_INCARNATION).query(String.class).single();
      } catch (DataAccessException error) {
        if (!(NestedExceptionUtils.getMostSpecificCause(error) instanceof SQLException sql
            && INSUFFICIENT_PRIVILEGE.equals(sql.getSQLState()))) {
          throw error;
        }
        log.info(
            "pg_control_system() is not readable ({}); the feed identity follows the WAL"
                + " timeline and database oid only",
            error.getMessage());
        fullIncarnationReadable = false;
      }
    }
    return jdbc.sql(BASIC_INCARNATION).query(String.class).single();
  }
}
