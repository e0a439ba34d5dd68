package dev.polyshop.push.fanout;

import com.google.protobuf.util.Timestamps;
import dev.polyshop.push.replay.EventId;
import dev.polyshop.push.replay.EventLog;
import dev.polyshop.push.replay.LoggedEvent;
import dev.polyshop.push.replay.WireMessage;
import dev.polyshop.push.v1.Heartbeat;
import dev.polyshop.push.v1.Reset;
import dev.polyshop.push.v1.ResetReason;
import dev.polyshop.push.v1.SubscribeResponse;
import java.util.ArrayDeque;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Where one Subscribe stream stands, and what it sends next: it replays from the log, switches to a
 * small bounded live queue once it reaches the log's head, and falls back to the log when that
 * queue overflows, so nothing is lost or repeated on the way. It knows nothing of gRPC calls.
 *
 * <p>Not thread-safe: its {@link Subscriber} calls it under its own lock; only {@link
 * #heartbeatDue()} may be read without it.
 */
final class StreamCursor {

  /** {@link #next} ran out of its scan budget with more of the log to read: call again. */
  static final WireMessage MORE = WireMessage.of(SubscribeResponse.getDefaultInstance());

  private static final int SCAN_BUDGET = 4096;

  private final EventStream stream;
  private final Set<String> topics;
  private final int queueLimit;
  private final FanoutStats stats;

  private boolean started;
  private boolean live;
  private long cursor;
  private @Nullable EventId floor;
  private @Nullable ArrayDeque<LoggedEvent> queue;
  private @Nullable WireMessage pendingReset;
  private @Nullable EventId sentThrough;
  private volatile boolean heartbeatDue;
  private long appendedNanos;

  StreamCursor(EventStream stream, Set<String> topics, int queueLimit, FanoutStats stats) {
    this.stream = stream;
    this.topics = topics;
    this.queueLimit = queueLimit;
    this.stats = stats;
  }

  /** Waits to resume after {@code token}: until {@link #start}, heartbeats carry {@code token}. */
  void await(EventId token) {
    floor = token;
    heartbeatDue = true;
  }

  /** Begins after {@code start}; events with ids up to {@code floor} are never delivered. */
  void start(EventLog.Start start, EventId floor) {
    started = true;
    cursor = start.cursor();
    this.floor = floor;
    if (start.gap() != null) {
      pendingReset = reset(ResetReason.RESET_REASON_RESUME_TOO_OLD, start.gap());
    }
    // Something goes out at once, so proxies (and the gateway's SSE bridge) see the stream open now
    // rather than at the first heartbeat interval.
    heartbeatDue = true;
  }

  /** True while live events are taken from the queue rather than read from the log. */
  boolean live() {
    return live;
  }

  /**
   * Leaves live mode: the next read starts from the log at this cursor, queued events included, so
   * it meets whatever only the log holds. False if it was not live (nothing changed).
   */
  boolean rescan() {
    if (!live) {
      return false;
    }
    queue = null;
    live = false;
    return true;
  }

  /**
   * Queues a live event (O(1)); a full queue is dropped and the cursor goes back to the log. True
   * when the queue just became non-empty, i.e. a delivery pass is needed.
   */
  boolean offer(LoggedEvent event) {
    if (!live) {
      return false;
    }
    if (queue == null) {
      queue = new ArrayDeque<>(4);
    }
    if (queue.size() >= queueLimit) {
      stats.queueDiscarded(queue.size());
      queue = null;
      live = false;
      return false;
    }
    queue.add(event);
    return queue.size() == 1;
  }

  /** A heartbeat goes out once nothing else is waiting. */
  void heartbeatNow() {
    heartbeatDue = true;
  }

  /** Whether a heartbeat is waiting; may be read without the subscriber's lock. */
  boolean heartbeatDue() {
    return heartbeatDue;
  }

  /**
   * The next message for the stream: a pending {@code Reset}, the next event on its topics after
   * the floor (from the queue when live, else from the log), else a due heartbeat; {@link #MORE}
   * when the scan budget ran out, null when there is nothing to send.
   *
   * @param settledHead the stream's settled head, read before the subscriber's lock when a
   *     heartbeat is due (null otherwise)
   */
  @Nullable WireMessage next(@Nullable EventId settledHead) {
    appendedNanos = 0;
    if (pendingReset != null) {
      WireMessage reset = pendingReset;
      pendingReset = null;
      return reset;
    }
    while (started) {
      if (live) {
        LoggedEvent event;
        while (queue != null && (event = queue.poll()) != null) {
          if (event.seq() <= cursor) {
            continue;
          }
          cursor = event.seq();
          if (queue.isEmpty()) {
            queue = null;
          }
          if (passesFloor(event.id())) {
            return sending(event);
          }
        }
        queue = null;
        break;
      }
      EventLog.Next next = stream.log().next(cursor, topics, SCAN_BUDGET);
      cursor = next.cursor();
      if (next.gap() != null) {
        return reset(ResetReason.RESET_REASON_SLOW_CONSUMER, next.gap());
      }
      if (next.event() != null) {
        if (passesFloor(next.event().id())) {
          if (next.event().message().hasReset()) {
            stats.reset(next.event().message().getReset().getReason()); // a gap marker
          }
          return sending(next.event());
        }
      } else if (next.atHead()) {
        live = true;
      } else {
        return MORE;
      }
    }
    if (heartbeatDue) {
      heartbeatDue = false;
      var heartbeat =
          Heartbeat.newBuilder().setTime(Timestamps.fromMillis(System.currentTimeMillis()));
      EventId resumePoint = resumePoint(settledHead);
      if (resumePoint != null) {
        heartbeat.setResumeToken(resumePoint.toString());
      }
      return WireMessage.of(SubscribeResponse.newBuilder().setHeartbeat(heartbeat).build());
    }
    return null;
  }

  /** When the event {@link #next} last returned was appended to the log; 0 for other messages. */
  long appendedNanos() {
    return appendedNanos;
  }

  /** Forgets the live queue (the stream ended). */
  void clear() {
    queue = null;
  }

  /** Events waiting in the live queue. */
  int queueDepth() {
    return queue == null ? 0 : queue.size();
  }

  private WireMessage sending(LoggedEvent event) {
    appendedNanos = event.appendedNanos();
    sentThrough = event.id();
    return event.wire();
  }

  /**
   * Where this stream stands, for a heartbeat sent now (live, queue drained): everything on its
   * topics up to the settled head was offered to it and has been sent, events up to the floor are
   * never sent, and nothing after the larger of these has been. Null while the floor is undecided.
   */
  private @Nullable EventId resumePoint(@Nullable EventId settledHead) {
    if (floor == EventStream.DEFERRED) {
      return null;
    }
    if (!started) {
      return floor; // the resume token it waits with: nothing was sent
    }
    return EventId.max(EventId.max(sentThrough, settledHead), floor);
  }

  private boolean passesFloor(EventId id) {
    if (floor == EventStream.DEFERRED) {
      floor = stream.deferredFloor();
    }
    return id.isAfter(floor);
  }

  /** A Reset, which goes out before anything else queued after this call. */
  private WireMessage reset(ResetReason reason, EventId through) {
    stats.reset(reason);
    sentThrough = EventId.max(sentThrough, through);
    return WireMessage.of(
        SubscribeResponse.newBuilder()
            .setReset(Reset.newBuilder().setReason(reason).setResumeToken(through.toString()))
            .build());
  }
}
