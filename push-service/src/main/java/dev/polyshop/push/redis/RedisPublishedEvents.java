package dev.polyshop.push.redis;

import com.google.protobuf.util.Timestamps;
import dev.polyshop.feed.Backoff;
import dev.polyshop.push.fanout.EventStream;
import dev.polyshop.push.fanout.PublishedEvents;
import dev.polyshop.push.fanout.ResumeGate;
import dev.polyshop.push.fanout.UnavailableException;
import dev.polyshop.push.replay.EventId;
import dev.polyshop.push.v1.ResetReason;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.XAddParams;
import redis.clients.jedis.params.XReadParams;
import redis.clients.jedis.params.XTrimParams;
import redis.clients.jedis.resps.StreamEntry;
import redis.clients.jedis.util.JedisURIHelper;

/**
 * Cross-replica publishing through one Redis stream: {@code Publish} is an {@code XADD} (the Redis
 * entry id becomes the event id {@code p-<millis>-<seq>}, so every replica agrees on ids and
 * order), and each replica tails the stream with {@code XREAD BLOCK} into its own published log.
 *
 * <p>While Redis is unreachable, {@code Publish} fails with {@link UnavailableException} and the
 * reader retries; after a blip it continues from the last entry it read, so nothing published in
 * between is skipped as long as the stream still holds it ({@code MAXLEN} trimming).
 */
public final class RedisPublishedEvents implements PublishedEvents {

  private static final Logger log = LoggerFactory.getLogger(RedisPublishedEvents.class);
  private static final int READ_BLOCK_MILLIS = 1_000;
  private static final int READ_BATCH = 512;
  private static final int BACKFILL_PAGE = 1_000;
  private static final Duration TRIM_EVERY = Duration.ofSeconds(1);

  private final JedisPooled redis;
  private final String key;
  private final long maxLength;
  private final Duration maxAge;
  private final EventStream stream;
  private final Thread reader;
  private volatile boolean running = true;
  private volatile boolean connected;
  private volatile boolean backfilled;
  private long lastTrimNanos;

  private RedisPublishedEvents(
      URI url, String key, long maxLength, Duration maxAge, EventStream stream) {
    var clientConfig =
        DefaultJedisClientConfig.builder()
            // Redis gone (its address no longer answers): Publish says UNAVAILABLE after 1 s, well
            // inside the gateway's 2 s default deadline, rather than letting that deadline expire.
            .connectionTimeoutMillis(1_000)
            .socketTimeoutMillis(2_000)
            .blockingSocketTimeoutMillis(READ_BLOCK_MILLIS + 2_000)
            .user(JedisURIHelper.getUser(url))
            .password(JedisURIHelper.getPassword(url))
            .database(JedisURIHelper.getDBIndex(url))
            .ssl(JedisURIHelper.isRedisSSLScheme(url))
            .clientName("polyshop-push")
            .build();
    var pool = new GenericObjectPoolConfig<Connection>();
    pool.setMaxTotal(32);
    pool.setMaxWait(Duration.ofSeconds(2));
    this.redis = new JedisPooled(pool, JedisURIHelper.getHostAndPort(url), clientConfig);
    this.key = key;
    this.maxLength = maxLength;
    this.maxAge = maxAge;
    this.stream = stream;
    // Until the backfill is in the log, it cannot tell which tokens are too old.
    stream.setResumeGate(
        (token, since) -> backfilled ? ResumeGate.Verdict.START : ResumeGate.Verdict.WAIT);
    this.reader = Thread.ofVirtual().name("push-redis-reader").unstarted(this::readLoop);
  }

  /**
   * Connects lazily and starts tailing {@code key}, which {@code Publish} keeps at most {@code
   * maxLength} entries long and the reader trims to entries younger than {@code maxAge}; what the
   * stream holds is loaded into the log first (in pages) so that resumes work on a fresh replica.
   */
  public static RedisPublishedEvents start(
      URI url, String key, long maxLength, Duration maxAge, EventStream stream) {
    RedisPublishedEvents events = new RedisPublishedEvents(url, key, maxLength, maxAge, stream);
    events.reader.start();
    return events;
  }

  @Override
  public EventId publish(String topic, String type, String dataJson) {
    try {
      StreamEntryID id =
          redis.xadd(
              key,
              XAddParams.xAddParams().maxLen(maxLength).approximateTrimming(),
              Map.of("topic", topic, "type", type, "data", dataJson));
      return EventId.published(id.getTime(), id.getSequence());
    } catch (JedisException e) {
      throw new UnavailableException("cannot publish: Redis is unreachable; retry later", e);
    }
  }

  /**
   * The stream's last generated id: every id Redis has assigned, read here or not yet, is at or
   * before it. Null while Redis cannot be asked.
   */
  @Override
  public @Nullable EventId ceiling() {
    try {
      StreamEntryID last = redis.xinfoStream(key).getLastGeneratedId();
      return EventId.published(last.getTime(), last.getSequence());
    } catch (JedisDataException noStream) {
      return EventId.boundary(EventId.Kind.PUBLISHED, System.currentTimeMillis());
    } catch (JedisException e) {
      return null;
    }
  }

  /** True while the reader is connected to Redis. */
  public boolean connected() {
    return connected;
  }

  private void readLoop() {
    StreamEntryID last = null;
    boolean mayHaveMissed = false;
    Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2));
    while (running) {
      try {
        if (last == null) {
          last = backfill();
        } else if (mayHaveMissed) {
          last = detectTrimmed(last);
        }
        trimByAge();
        var batches =
            redis.xread(
                XReadParams.xReadParams().block(READ_BLOCK_MILLIS).count(READ_BATCH),
                Map.of(key, last));
        connected = true;
        backoff.reset();
        int read = 0;
        if (batches != null) {
          for (var batch : batches) {
            for (StreamEntry entry : batch.getValue()) {
              append(entry);
              last = entry.getID();
              read++;
            }
          }
        }
        // Back from an outage the check ran above; a full batch means we are behind, where MAXLEN
        // can overtake us too.
        mayHaveMissed = read == READ_BATCH;
      } catch (JedisException e) {
        mayHaveMissed = true;
        if (!running) {
          return;
        }
        if (connected) {
          log.warn("redis: {}; published events pause until it is back", e.toString());
        }
        connected = false;
        if (!backoff.pause()) {
          return;
        }
      } catch (RuntimeException e) {
        log.error("redis reader: unexpected failure; retrying", e);
        if (!Backoff.sleep(Duration.ofSeconds(1))) {
          return;
        }
      }
    }
  }

  /**
   * Tells subscribers, through a gap in the log, when entries after {@code last} were trimmed
   * before this replica read them. Redis does not say which ids a MAXLEN trim removed, so the test
   * is the oldest entry left: when even {@code last} is gone, everything up to that entry may have
   * been lost, and a Reset there is the honest answer (it is needless only when the trim happened
   * to stop exactly after {@code last}). Returns where reading goes on: after the gap, if any.
   */
  private StreamEntryID detectTrimmed(StreamEntryID last) {
    List<StreamEntry> oldest = redis.xrange(key, "-", "+", 1);
    if (oldest.isEmpty() || oldest.getFirst().getID().compareTo(last) <= 0) {
      return last;
    }
    StreamEntryID first = oldest.getFirst().getID();
    EventId through =
        Objects.requireNonNull(
            EventId.published(first.getTime(), first.getSequence()).justBefore(),
            "a trimmed stream's first entry has one before it");
    StreamEntryID lost = new StreamEntryID(through.major(), through.minor());
    if (lost.compareTo(last) <= 0 || !through.isAfter(stream.log().lastId())) {
      return last;
    }
    log.warn(
        "redis: the stream no longer holds {} (the last entry read here); entries up to {} may"
            + " have been trimmed unread: subscribers get a Reset there",
        last,
        through);
    stream.gap(through, ResetReason.RESET_REASON_SOURCE_TRIMMED);
    return lost;
  }

  /**
   * Loads the stream into the log, oldest first, one page at a time (the log keeps the newest that
   * fit its bounds). Entries before the oldest one were trimmed or never existed; this replica
   * cannot tell, so a resume from before it gets a Reset. Then resumes may start.
   */
  private StreamEntryID backfill() {
    StreamEntryID last = new StreamEntryID(0, 0);
    String start = "-";
    boolean first = true;
    while (true) {
      List<StreamEntry> page = redis.xrange(key, start, "+", BACKFILL_PAGE);
      for (StreamEntry entry : page) {
        if (first) {
          EventId oldest = EventId.published(entry.getID().getTime(), entry.getID().getSequence());
          stream.log().markIncompleteThrough(oldest.justBefore());
          first = false;
        }
        append(entry);
        last = entry.getID();
      }
      if (page.size() < BACKFILL_PAGE) {
        break;
      }
      start = "(" + last;
    }
    connected = true;
    backfilled = true;
    stream.recheckWaiting();
    return last;
  }

  /** Trims entries older than {@code maxAge} (MINID), at most once per second per replica. */
  private void trimByAge() {
    long now = System.nanoTime();
    if (lastTrimNanos != 0 && now - lastTrimNanos < TRIM_EVERY.toNanos()) {
      return;
    }
    lastTrimNanos = now;
    long minMillis = System.currentTimeMillis() - maxAge.toMillis();
    redis.xtrim(key, XTrimParams.xTrimParams().minId(minMillis + "-0"));
  }

  private void append(StreamEntry entry) {
    EventId id = EventId.published(entry.getID().getTime(), entry.getID().getSequence());
    if (!id.isAfter(stream.log().lastId())) {
      return;
    }
    Map<String, String> fields = entry.getFields();
    stream.append(
        id,
        fields.getOrDefault("topic", ""),
        fields.getOrDefault("type", ""),
        fields.getOrDefault("data", "{}"),
        Timestamps.fromMillis(entry.getID().getTime()));
  }

  @Override
  public void close() {
    running = false;
    reader.interrupt();
    try {
      reader.join(Duration.ofSeconds(3));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    redis.close();
  }
}
