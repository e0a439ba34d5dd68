package dev.polyshop.bench.load;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.MethodDescriptor;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * gRPC unary load over shared channels (round-robin), one scheduling thread. Fixed-rate runs are
 * the same open model as {@link LoadGenerator}'s: calls are due on an {@link ArrivalSchedule}, wait
 * while {@code maxInFlight} are outstanding, and their latency counts from the intended send time.
 * Saturation keeps {@code inFlight} calls outstanding, each completion starting the next. Any
 * status but {@code OK} is an error.
 */
public final class GrpcUnaryLoad<Q, R> implements Load {

  private static final int MAX_BACKLOG = 1 << 20;
  private static final ThreadLocal<int[]> TRAMPOLINE = ThreadLocal.withInitial(() -> new int[2]);

  private final List<? extends Channel> channels;
  private final MethodDescriptor<Q, R> method;
  private final List<Q> requests;
  private final Duration deadline;
  private final AtomicInteger next = new AtomicInteger();

  /**
   * @param requests sent in turn (a query mix), round-robin
   * @param deadline of every call
   */
  public GrpcUnaryLoad(
      List<? extends Channel> channels,
      MethodDescriptor<Q, R> method,
      List<Q> requests,
      Duration deadline) {
    if (channels.isEmpty() || requests.isEmpty()) {
      throw new IllegalArgumentException("need at least one channel and one request");
    }
    this.channels = List.copyOf(channels);
    this.method = method;
    this.requests = List.copyOf(requests);
    this.deadline = deadline;
  }

  @Override
  public LoadResult fixedRate(int maxInFlight, double rate, Duration duration, Duration drain) {
    var run = new Run(false);
    long start = System.nanoTime();
    long giveUp = start + duration.toNanos() + drain.toNanos();
    var schedule = new ArrivalSchedule(start, rate, duration.toNanos());
    var backlog = new LongQueue(MAX_BACKLOG);
    while (true) {
      long now = System.nanoTime();
      while (schedule.hasDue(now)) {
        if (!backlog.offer(schedule.take())) {
          run.error();
        }
      }
      while (!backlog.isEmpty() && run.inFlight.get() < maxInFlight) {
        run.send(backlog.poll(), now);
      }
      if ((schedule.finished() && backlog.isEmpty() && run.inFlight.get() == 0) || now >= giveUp) {
        break;
      }
      long wait = Math.min(schedule.nanosUntilNext(now), giveUp - now);
      // Completions unpark this thread, so a call waiting for a free slot goes out at once.
      LockSupport.parkNanos(Math.min(wait, TimeUnit.MILLISECONDS.toNanos(1)));
    }
    long stop = System.nanoTime();
    run.finish(stop, backlog);
    long elapsed = Math.max(duration.toNanos(), Math.min(stop, giveUp) - start);
    return run.result("fixed-rate", maxInFlight, rate, elapsed);
  }

  @Override
  public LoadResult saturation(int inFlight, Duration duration) {
    var run = new Run(true);
    long start = System.nanoTime();
    run.end = start + duration.toNanos();
    for (int i = 0; i < inFlight; i++) {
      run.send(start, start);
    }
    long giveUp = run.end + deadline.toNanos();
    while (System.nanoTime() < run.end || (run.inFlight.get() > 0 && System.nanoTime() < giveUp)) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
    }
    long stop = System.nanoTime();
    run.finish(stop, new LongQueue(1));
    return run.result("saturation", inFlight, 0, stop - start);
  }

  /** The state of one run; completions arrive on the channels' threads. */
  private final class Run {
    private final boolean closedLoop;
    private final LatencyRecorder recorder = new LatencyRecorder();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, Outstanding> outstanding = new ConcurrentHashMap<>();
    private final Thread scheduler = Thread.currentThread();
    private volatile long end = Long.MAX_VALUE;
    private boolean finished;

    private record Outstanding(long intendedNanos, ClientCall<?, ?> call) {}

    Run(boolean closedLoop) {
      this.closedLoop = closedLoop;
    }

    void send(long intended, long now) {
      int index = Math.floorMod(next.getAndIncrement(), requests.size());
      Channel channel = channels.get(Math.floorMod(index, channels.size()));
      ClientCall<Q, R> call =
          channel.newCall(method, CallOptions.DEFAULT.withDeadlineAfter(deadline));
      long id = ids.incrementAndGet();
      inFlight.incrementAndGet();
      outstanding.put(id, new Outstanding(intended, call));
      ClientCalls.asyncUnaryCall(
          call,
          requests.get(index),
          new StreamObserver<>() {
            @Override
            public void onNext(R value) {}

            @Override
            public void onError(Throwable t) {
              complete(id, intended, now, false);
            }

            @Override
            public void onCompleted() {
              complete(id, intended, now, true);
            }
          });
    }

    private void complete(long id, long intended, long sent, boolean ok) {
      long at = System.nanoTime();
      if (outstanding.remove(id) == null) {
        return; // already given up on
      }
      synchronized (this) {
        if (!finished) {
          if (ok) {
            recorder.success(intended, sent, at);
          } else {
            recorder.error();
          }
        }
      }
      inFlight.decrementAndGet();
      if (closedLoop && at < end) {
        sendNext();
      } else {
        LockSupport.unpark(scheduler);
      }
    }

    /**
     * The closed loop's next call. A transport that completes calls on the calling thread (in
     * process, direct executors) would otherwise recurse once per call: a completion that arrives
     * inside a send on this thread is left to that send's loop.
     */
    private void sendNext() {
      int[] state = TRAMPOLINE.get(); // [0] calls owed, [1] inside a send
      if (state[1] == 1) {
        state[0]++;
        return;
      }
      state[1] = 1;
      try {
        long now = System.nanoTime();
        send(now, now);
        while (state[0] > 0) {
          state[0]--;
          now = System.nanoTime();
          send(now, now);
        }
      } finally {
        state[1] = 0;
      }
    }

    synchronized void error() {
      recorder.error();
    }

    /** Calls still outstanding, and due calls never sent, are errors at least this late. */
    synchronized void finish(long stop, LongQueue backlog) {
      finished = true;
      for (Outstanding o : outstanding.values()) {
        if (!closedLoop) {
          recorder.unfinished(o.intendedNanos(), stop);
        } else {
          recorder.error();
        }
        o.call().cancel("the run ended", null);
      }
      outstanding.clear();
      while (!backlog.isEmpty()) {
        recorder.unfinished(backlog.poll(), stop);
      }
    }

    synchronized LoadResult result(String mode, int concurrency, double rate, long elapsed) {
      return LoadResult.of(mode, concurrency, rate, elapsed, recorder);
    }
  }
}
