package dev.polyshop.push.fanout;

import dev.polyshop.push.replay.EventId;
import dev.polyshop.push.replay.EventLog;
import dev.polyshop.push.replay.LoggedEvent;
import dev.polyshop.push.replay.WireMessage;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * One Subscribe stream's send loop: takes what its {@link StreamCursor} says comes next and sends
 * it while the call's flow control allows, on the shared delivery executor.
 *
 * <p>All sends happen in {@link #run()}, which at most one thread executes at a time (a work-in-
 * progress counter serialises it): no thread per subscriber.
 */
public final class Subscriber {

  private static final int SEND_BUDGET = 64;

  private final EventStream stream;
  private final Set<String> topics;
  private final ServerCallStreamObserver<WireMessage> call;
  private final Executor delivery;
  private final FanoutStats stats;
  private final Consumer<Subscriber> onDone;
  private final AtomicInteger wip = new AtomicInteger();
  private volatile long lastSentNanos = System.nanoTime();

  // Guarded by this.
  private final StreamCursor position;
  private @Nullable Status closeWith;
  private boolean done;

  Subscriber(
      EventStream stream,
      Set<String> topics,
      ServerCallStreamObserver<WireMessage> call,
      Executor delivery,
      int queueLimit,
      FanoutStats stats,
      Consumer<Subscriber> onDone) {
    this.stream = stream;
    this.topics = topics;
    this.call = call;
    this.delivery = delivery;
    this.stats = stats;
    this.onDone = onDone;
    this.position = new StreamCursor(stream, topics, queueLimit, stats);
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
      position.await(token);
    }
    signal();
  }

  /** Begins after {@code start}; events with ids up to {@code floor} are never delivered. */
  void start(EventLog.Start start, EventId floor) {
    synchronized (this) {
      if (done) {
        return;
      }
      position.start(start, floor);
    }
    signal();
  }

  /**
   * Leaves live mode (called with the family's lock held): the next pass re-reads the log from this
   * subscriber's cursor, its queued events included, so it meets whatever only the log holds.
   */
  void rescan() {
    synchronized (this) {
      if (done || !position.rescan()) {
        return;
      }
    }
    signal();
  }

  /** Called by fan-out with the family's lock held: O(1), never blocks on the client. */
  void offer(LoggedEvent event) {
    boolean wasEmpty;
    synchronized (this) {
      wasEmpty = !done && position.offer(event);
    }
    if (wasEmpty) {
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
      WireMessage next = null;
      Status close;
      long appendedNanos;
      // Read before this lock: offers take the stream's lock first, then this one.
      EventId settledHead = position.heartbeatDue() ? stream.settledHead() : null;
      synchronized (this) {
        if (done) {
          return true;
        }
        close = closeWith;
        if (close == null) {
          if (!call.isReady()) {
            return true;
          }
          next = position.next(settledHead);
          if (next == null) {
            return true;
          }
          if (next == StreamCursor.MORE) {
            return false;
          }
        }
        appendedNanos = position.appendedNanos();
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

  /** Queues a heartbeat when nothing was sent for {@code intervalNanos}. */
  void heartbeatIfIdle(long nowNanos, long intervalNanos) {
    if (nowNanos - lastSentNanos < intervalNanos) {
      return;
    }
    synchronized (this) {
      if (done) {
        return;
      }
      position.heartbeatNow();
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
      position.clear();
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
      position.clear();
    }
    onDone.accept(this);
  }

  /** Events waiting in this subscriber's live queue. */
  synchronized int queueDepth() {
    return position.queueDepth();
  }
}
