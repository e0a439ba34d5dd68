package dev.polyshop.bench.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * HTTP/1.1 load over keep-alive connections from one thread and one selector. Fixed-rate runs are
 * an open model: requests are due on a schedule, wait for a free connection if none is idle, and
 * their latency counts from the schedule. Saturation runs are a closed loop: each connection sends
 * its next request as soon as the previous answer arrives.
 */
public final class LoadGenerator implements Load {

  private static final int MAX_BACKLOG = 1 << 20;

  private final InetSocketAddress address;
  private final ByteBuffer[] requests;
  private int nextRequest;
  private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(64 * 1024);

  public LoadGenerator(String host, int port, String path) {
    this(host, port, List.of(path));
  }

  /** Sends {@code GET} for each of {@code paths} in turn (a query mix), round-robin. */
  public LoadGenerator(String host, int port, List<String> paths) {
    if (paths.isEmpty()) {
      throw new IllegalArgumentException("no path to request");
    }
    this.address = new InetSocketAddress(host, port);
    this.requests = new ByteBuffer[paths.size()];
    for (int i = 0; i < requests.length; i++) {
      String text = "GET " + paths.get(i) + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\n\r\n";
      byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
      // Direct, so that each write goes to the socket without a copy into a temporary buffer.
      requests[i] = ByteBuffer.allocateDirect(bytes.length).put(bytes).flip().asReadOnlyBuffer();
    }
  }

  /**
   * Sends at {@code rate} requests per second for {@code duration}, then waits up to {@code drain}.
   */
  @Override
  public LoadResult fixedRate(int connections, double rate, Duration duration, Duration drain)
      throws IOException {
    return run(connections, rate, duration, drain);
  }

  /** Keeps {@code connections} requests in flight for {@code duration}. */
  @Override
  public LoadResult saturation(int connections, Duration duration) throws IOException {
    return run(connections, 0, duration, Duration.ZERO);
  }

  private LoadResult run(int count, double rate, Duration duration, Duration drain)
      throws IOException {
    try (Selector selector = Selector.open()) {
      var run = new Run(selector, rate);
      try {
        for (int i = 0; i < count; i++) {
          var c = new Connection(address, selector);
          run.all.add(c);
          run.idle.add(c);
        }
        return run.execute(count, duration, drain);
      } finally {
        run.all.forEach(Connection::close);
      }
    }
  }

  /** The state of one run, driven by one thread. */
  private final class Run {
    private final Selector selector;
    private final double rate;
    private final boolean open;
    private final LatencyRecorder recorder = new LatencyRecorder();
    private final LongQueue backlog = new LongQueue(MAX_BACKLOG);
    private final ArrayDeque<Connection> idle = new ArrayDeque<>();
    private final List<Connection> all = new ArrayList<>();
    private int inFlight;
    private long now;

    Run(Selector selector, double rate) {
      this.selector = selector;
      this.rate = rate;
      this.open = rate > 0;
    }

    LoadResult execute(int count, Duration duration, Duration drain) throws IOException {
      long start = System.nanoTime();
      long end = start + duration.toNanos();
      long giveUp = end + drain.toNanos();
      var schedule = open ? new ArrivalSchedule(start, rate, duration.toNanos()) : null;
      now = start;
      while (true) {
        if (schedule != null) {
          while (schedule.hasDue(now)) {
            if (!backlog.offer(schedule.take())) {
              recorder.error();
            }
          }
        } else if (now < end) {
          while (backlog.size() < idle.size()) {
            backlog.offer(now);
          }
        }
        dispatch();
        boolean scheduleDone = schedule != null ? schedule.finished() : now >= end;
        if (scheduleDone && (!open || (inFlight == 0 && backlog.isEmpty()) || now >= giveUp)) {
          break;
        }
        long wait =
            schedule != null ? Math.min(schedule.nanosUntilNext(now), giveUp - now) : end - now;
        // The handler reads the clock once per wake-up; select(Consumer) keeps no selected-key set.
        if (wait < 1_000_000) {
          now = System.nanoTime();
          if (selector.selectNow(this::onReady) == 0) {
            // Spinning until the next send is due: let processes sharing this core (the upstream
            // stub, Redis on a 2-core machine) run instead of starving them.
            Thread.yield();
          }
        } else {
          selector.select(this::onReady, Math.max(1, wait / 1_000_000));
        }
        now = System.nanoTime();
      }
      long stop = System.nanoTime();
      // Requests that never completed are errors; their latency is at least what they waited.
      for (Connection c : all) {
        if (open && c.busy) {
          recorder.unfinished(c.intendedNanos, stop);
        }
      }
      while (open && !backlog.isEmpty()) {
        recorder.unfinished(backlog.poll(), stop);
      }
      long elapsed =
          open ? Math.max(duration.toNanos(), Math.min(stop, giveUp) - start) : stop - start;
      return LoadResult.of(open ? "fixed-rate" : "saturation", count, rate, elapsed, recorder);
    }

    private void dispatch() throws IOException {
      while (!backlog.isEmpty() && !idle.isEmpty()) {
        Connection c = idle.poll();
        long intended = backlog.poll();
        inFlight++;
        try {
          c.send(nextRequest(), intended, now);
        } catch (IOException e) {
          inFlight--;
          recorder.error();
          c.reopen();
          idle.add(c);
        }
      }
    }

    private void onReady(SelectionKey key) {
      var c = (Connection) key.attachment();
      if (!key.isValid()) {
        return;
      }
      long completedAt = System.nanoTime();
      try {
        if (key.isWritable()) {
          c.flush();
        }
        if (key.isReadable() && readResponse(c, recorder, completedAt)) {
          inFlight--;
          idle.add(c);
        }
      } catch (IOException | IllegalStateException e) {
        if (c.busy) {
          inFlight--;
          recorder.error();
        }
        try {
          c.reopen();
          idle.add(c);
        } catch (IOException reconnect) {
          throw new UncheckedIOException(reconnect);
        }
      }
    }
  }

  private ByteBuffer nextRequest() {
    ByteBuffer next = requests[nextRequest];
    nextRequest = nextRequest + 1 == requests.length ? 0 : nextRequest + 1;
    return next;
  }

  /** Reads what arrived; true when a whole response completed and the connection is free again. */
  private boolean readResponse(Connection c, LatencyRecorder recorder, long now)
      throws IOException {
    readBuffer.clear();
    int n = c.read(readBuffer);
    if (n < 0) {
      throw new IOException("server closed the connection");
    }
    readBuffer.flip();
    if (!c.busy) {
      throw new IllegalStateException("bytes from the server with no request in flight");
    }
    if (!c.parser.feed(readBuffer)) {
      return false;
    }
    if (readBuffer.hasRemaining()) {
      throw new IllegalStateException("bytes after the end of the response");
    }
    c.busy = false;
    if (c.parser.status() >= 200 && c.parser.status() < 300) {
      recorder.success(c.intendedNanos, c.sentNanos, now);
    } else {
      recorder.error();
    }
    if (c.parser.closeAfter()) {
      c.reopen();
    }
    return true;
  }
}
