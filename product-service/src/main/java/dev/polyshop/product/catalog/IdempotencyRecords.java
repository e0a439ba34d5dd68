package dev.polyshop.product.catalog;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Repository;

/**
 * SQL for the {@code idempotency_key} table (keys are per caller), and the periodic removal of
 * expired keys.
 */
@Repository
class IdempotencyRecords implements SchedulingConfigurer {

  /** A key's record; {@code claimedAt} identifies the claim that owns it. */
  record Record(
      String requestHash,
      String state,
      OffsetDateTime claimedAt,
      Integer status,
      String location,
      String etag,
      String body) {

    boolean inFlight() {
      return state.equals("IN_FLIGHT");
    }
  }

  private final JdbcClient jdbc;
  private final IdempotencyProperties properties;

  IdempotencyRecords(JdbcClient jdbc, IdempotencyProperties properties) {
    this.jdbc = jdbc;
    this.properties = properties;
  }

  /**
   * Claims {@code key} for a new request, taking over expired records and abandoned claims.
   *
   * @return the claim's time, which later identifies it; empty if another record holds the key
   */
  Optional<OffsetDateTime> claim(String caller, String key, String requestHash) {
    return jdbc.sql(
            """
            insert into idempotency_key (caller, key, request_hash, state, created_at)
            values (:caller, :key, :hash, 'IN_FLIGHT', clock_timestamp())
            on conflict (caller, key) do update
              set request_hash = excluded.request_hash, state = 'IN_FLIGHT',
                  created_at = excluded.created_at, response_status = null,
                  response_location = null, response_etag = null, response_body = null
              where idempotency_key.created_at < now() - make_interval(secs => :ttl)
                 or (idempotency_key.state = 'IN_FLIGHT'
                     and idempotency_key.created_at < now() - make_interval(secs => :abandoned))
            returning created_at""")
        .param("caller", caller)
        .param("key", key)
        .param("hash", requestHash)
        .param("ttl", seconds(properties.ttl()))
        .param("abandoned", seconds(properties.inFlightTimeout()))
        .query(OffsetDateTime.class)
        .optional();
  }

  /**
   * Stores the response of the claim made at {@code response.claimedAt()}.
   *
   * @return false if that claim no longer owns the key
   */
  boolean complete(String caller, String key, Record response) {
    return jdbc.sql(
                """
                update idempotency_key
                set state = 'COMPLETED', response_status = :status, response_location = :location,
                    response_etag = :etag, response_body = :body
                where caller = :caller and key = :key and state = 'IN_FLIGHT'
                  and created_at = :at""")
            .param("caller", caller)
            .param("key", key)
            .param("at", response.claimedAt())
            .param("status", response.status())
            .param("location", response.location())
            .param("etag", response.etag())
            .param("body", response.body())
            .update()
        == 1;
  }

  /** Gives up a claim whose request failed, so that a retry runs it again. */
  void release(String caller, String key, OffsetDateTime claimedAt) {
    jdbc.sql(
            """
            delete from idempotency_key
            where caller = :caller and key = :key and state = 'IN_FLIGHT' and created_at = :at""")
        .param("caller", caller)
        .param("key", key)
        .param("at", claimedAt)
        .update();
  }

  Optional<Record> find(String caller, String key) {
    return jdbc.sql(
            """
            select request_hash, state, created_at, response_status, response_location,
                   response_etag, response_body
            from idempotency_key where caller = :caller and key = :key""")
        .param("caller", caller)
        .param("key", key)
        .query(
            (rs, row) ->
                new Record(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getObject(3, OffsetDateTime.class),
                    rs.getObject(4, Integer.class),
                    rs.getString(5),
                    rs.getString(6),
                    rs.getString(7)))
        .optional();
  }

  int deleteExpired() {
    return jdbc.sql(
            "delete from idempotency_key where created_at < now() - make_interval(secs => :ttl)")
        .param("ttl", seconds(properties.ttl()))
        .update();
  }

  @Override
  public void configureTasks(ScheduledTaskRegistrar registrar) {
    Duration interval = properties.cleanupInterval();
    registrar.addFixedDelayTask(new FixedDelayTask(this::deleteExpired, interval, interval));
  }

  private static double seconds(Duration duration) {
    return duration.toMillis() / 1000.0;
  }
}
