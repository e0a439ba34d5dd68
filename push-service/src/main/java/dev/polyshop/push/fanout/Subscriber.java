package dev.polyshop.push.fanout;

import com.google.protobuf.util.Timestamps;
import dev.polyshop.push.replay.EventId;
import dev.polyshop.push.replay.EventLog;
import dev.polyshop.push.replay.LoggedEvent;
import dev.polyshop.push.v1.Heartbeat;
import dev.polyshop.push.v1.Reset;
import dev.polyshop.push.v1.ResetReason;
import dev.polyshop.push.v1.SubscribeResponse;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import java.util.ArrayDeque;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One Subscribe stream: replays from the log, then delivers live events from a small bounded queue,
 * honouring the call's flow control; falls back to the log when the queue overflows.
 *
 * <p>All sends happen in {@link #run()}, which at most one thread executes at a time (a work-in-
 * progress counter serialises it), on the shared delivery executor: no thread per subscriber.
 */
public final class Subscriber {

  private static final int SEND_BUDGET = 64;
  private static final int SCAN_BUDGET = 4096;
  private static final SubscribeResponse MORE = SubscribeResponse.newBuilder().build();

  private final EventStream stream;
  private final Set<String> topics;
  private final ServerCallStreamObserver<SubscribeResponse> call;
  private final Executor delivery;
  private final int queueLimit;
  private final FanoutStats stats;
  private final Consumer<Subscriber> onDone;
  private final AtomicInteger wip = new AtomicInteger();
  private volatile long lastSentNanos = System.nanoTime();

  // Guarded by this.
  private boolean started;
  private boolean live;
  private long cursor;
  private EventId floor;
  private ArrayDeque<LoggedEvent> queue;
  private SubscribeResponse pendingReset;
  private EventId sentThrough;
  // Written under this; read without it only to decide whether a pass needs the settled head.
  private volatile boolean heartbeatDue;
  private Status closeWith;
  private boolean done;
  private long sendingAppendedNanos;

  Subscriber(
      EventStream stream,
      Set<String> topics,
      ServerCallStreamObserver<SubscribeResponse> call,
      Executor delivery,
      int queueLimit,
      FanoutStats stats,
      Consumer<Subscriber> onDone) {
    this.stream = stream;
    this.topics = topics;
    this.call = call;
    this.delivery = delivery;
    this.queueLimit = queueLimit;
    this.stats = stats;
    this.onDone = onDone;
  }

  Set<String> topics() {
    return topics;
  }

  EventStream stream() {
    return stream;
  }

  /**
   * Holds a resume after {@code token} until the source can serve it ({@link #start} follows):
   * meanwhile the stream gets heartbeats whose token is {@code token}.
   */
  void await(EventId token) {
    synchronized (this) {
      this.floor = token;
      heartbeatDue = true;
    }
    signal();
  }

  /** Begins after {@code start}; events with ids up to {@code floor} are never delivered. */
  void start(EventLog.Start start, EventId floor) {
    synchronized (this) {
      if (done) {
        return;
      }
      this.started = true;
      this.cursor = start.cursor();
      this.floor = floor;
      if (start.gap() != null) {
        pendingReset = reset(ResetReason.RESET_REASON_RESUME_TOO_OLD, start.gap());
      }
      // Something goes out at once, so proxies (and the gateway's SSE bridge) see the stream open
      // now rather than at the first heartbeat interval. Validation errors happened before this.
      heartbeatDue = true;
    }
    signal();
  }

  /**
   * Leaves live mode (called with the family's lock held): the next pass re-reads the log from this
   * subscriber's cursor, its queued events included, so it meets whatever only the log holds.
   */
  void rescan() {
    synchronized (this) {
      if (done || !live) {
        return;
      }
      queue = null;
      live = false;
    }
    signal();
  }

  /** Called by fan-out with the family's lock held: O(1), never blocks on the client. */
  void offer(LoggedEvent event) {
    int depth;
    synchronized (this) {
      if (done || !live) {
        return;
      }
      if (queue == null) {
        queue = new ArrayDeque<>(4);
      }
      if (queue.size() >= queueLimit) {
        stats.queueDiscarded(queue.size());
        queue = null;
        live = false;
        return;
      }
      queue.add(event);
      depth = queue.size();
    }
    if (depth == 1) {
      signal();
    }
  }

  /** Schedules a delivery pass unless one is already pending or running. */
  void signal() {
    if (wip.getAndIncrement() == 0) {
      try {
        delivery.execute(this::run);
      } catch (RejectedExecutionException e) {
        wip.set(0);
      }
    }
  }

  private void run() {
    int missed = wip.get();
    while (true) {
      if (!drain()) {
        try {
          delivery.execute(this::run);
        } catch (RejectedExecutionException e) {
          wip.set(0);
        }
        return;
      }
      missed = wip.addAndGet(-missed);
      if (missed == 0) {
        return;
      }
    }
  }

  /** Sends while the call is ready; false when the budget ran out with more work left. */
  private boolean drain() {
    for (int sent = 0; sent < SEND_BUDGET; sent++) {
      SubscribeResponse next = null;
      Status close;
      long appendedNanos;
      // Read before this lock: offers take the stream's lock first, then this one.
      EventId settledHead = heartbeatDue ? stream.settledHead() : null;
      synchronized (this) {
        if (done) {
          return true;
        }
        close = closeWith;
        if (close == null) {
          if (!call.isReady()) {
            return true;
          }
          sendingAppendedNanos = 0;
          next = nextLocked(settledHead);
          if (next == null) {
            return true;
          }
          if (next == MORE) {
            return false;
          }
        }
        appendedNanos = sendingAppendedNanos;
      }
      if (close != null) {
        finish(close);
        return true;
      }
      try {
        call.onNext(next);
      } catch (RuntimeException e) {
        cancelled();
        return true;
      }
      lastSentNanos = System.nanoTime();
      if (appendedNanos != 0) {
        stats.delivered(lastSentNanos - appendedNanos);
      }
    }
    return false;
  }

  private SubscribeResponse nextLocked(EventId settledHead) {
    if (pendingReset != null) {
      SubscribeResponse reset = pendingReset;
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
            sendingAppendedNanos = event.appendedNanos();
            sentThrough = event.id();
            return event.message();
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
          sendingAppendedNanos = next.event().appendedNanos();
          sentThrough = next.event().id();
          if (next.event().message().hasReset()) {
            stats.reset(next.event().message().getReset().getReason()); // a gap marker
          }
          return next.event().message();
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
      return SubscribeResponse.newBuilder().setHeartbeat(heartbeat).build();
    }
    return null;
  }

  /**
   * Where this stream stands, for a heartbeat sent now (live, queue drained): everything on its
   * topics up to the settled head was offered to it and has been sent, events up to the floor are
   * never sent, and nothing after the larger of these has been. Null while the floor is undecided.
   */
  private EventId resumePoint(EventId settledHead) {
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
  private SubscribeResponse reset(ResetReason reason, EventId through) {
    stats.reset(reason);
    sentThrough = EventId.max(sentThrough, through);
    return SubscribeResponse.newBuilder()
        .setReset(Reset.newBuilder().setReason(reason).setResumeToken(through.toString()))
        .build();
  }

  /** Queues a heartbeat when nothing was sent for {@code intervalNanos}. */
  void heartbeatIfIdle(long nowNanos, long intervalNanos) {
    if (nowNanos - lastSentNanos < intervalNanos) {
      return;
    }
    synchronized (this) {
      if (done) {
        return;
      }
      heartbeatDue = true;
    }
    signal();
  }

  /** Ends the stream with {@code status} from the delivery thread (after the current send). */
  void close(Status status) {
    synchronized (this) {
      if (done) {
        return;
      }
      closeWith = status;
    }
    signal();
  }

  private void finish(Status status) {
    synchronized (this) {
      if (done) {
        return;
      }
      done = true;
      queue = null;
    }
    try {
      call.onError(status.asRuntimeException());
    } catch (RuntimeException alreadyClosed) {
      // The client went away at the same moment; nothing left to tell it.
    }
    onDone.accept(this);
  }

  /** The client cancelled (or the call failed): forget everything queued. */
  void cancelled() {
    synchronized (this) {
      if (done) {
        return;
      }
      done = true;
      queue = null;
    }
    onDone.accept(this);
  }

  /** Events waiting in this subscriber's live queue. */
  synchronized int queueDepth() {
    return queue == null ? 0 : queue.size();
  }
}
