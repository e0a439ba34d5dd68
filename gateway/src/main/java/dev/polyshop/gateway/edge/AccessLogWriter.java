package dev.polyshop.gateway.edge;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the access log from one background thread, in batches. The event loop that answered a
 * request only appends the line to a lock-free queue: no lock, no wake-up of the writer. The writer
 * wakes every {@code interval}, and writes what has queued in as few writes as possible: whole
 * lines, at most {@value #CHUNK_BYTES} bytes a write, which a pipe takes atomically, so no other
 * log line can land inside one. At most {@code capacity} lines wait: beyond that the event loop
 * waits for room rather than dropping a line (it happens only when standard output itself is
 * stuck).
 *
 * <p>It replaced Logback's {@code AsyncAppender}, whose blocking queue signalled the writer thread
 * on every line and whose console appender made one write per line: together 15 % of the CPU of an
 * {@code /api/ping} under load.
 */
final class AccessLogWriter implements AutoCloseable {

  static final int CHUNK_BYTES = 4096;
  private static final Logger log = LoggerFactory.getLogger(AccessLogWriter.class);

  private record Line(long epochMillis, String text) {}

  private final ConcurrentLinkedQueue<Line> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger queued = new AtomicInteger();
  private final OutputStream out;
  private final int capacity;
  private final Duration interval;
  private final Thread writer;
  private final byte[] chunk = new byte[CHUNK_BYTES];
  private volatile boolean running = true;

  /** Writes to standard output, every 50 ms, with at most 8,192 lines waiting. */
  AccessLogWriter() {
    this(new FileOutputStream(FileDescriptor.out), 8_192, Duration.ofMillis(50));
  }

  AccessLogWriter(OutputStream out, int capacity, Duration interval) {
    this.out = out;
    this.capacity = capacity;
    this.interval = interval;
    this.writer = Thread.ofPlatform().daemon().name("access-log").start(this::run);
  }

  /** Queues one line (without its newline); the timestamp is taken now. */
  void add(String text) {
    while (queued.get() >= capacity && running) {
      LockSupport.parkNanos(1_000_000);
    }
    queued.incrementAndGet();
    queue.offer(new Line(System.currentTimeMillis(), text));
  }

  /** Writes what is queued and stops the writer. */
  @Override
  public void close() throws InterruptedException {
    running = false;
    writer.interrupt();
    writer.join(Duration.ofSeconds(5));
  }

  private void run() {
    while (running) {
      LockSupport.parkNanos(interval.toNanos());
      drain();
    }
    drain();
  }

  private void drain() {
    int used = 0;
    for (Line line = queue.poll(); line != null; line = queue.poll()) {
      queued.decrementAndGet();
      byte[] bytes =
          (Instant.ofEpochMilli(line.epochMillis())
                  + "  INFO polyshop.access : "
                  + line.text()
                  + "\n")
              .getBytes(StandardCharsets.UTF_8);
      if (used + bytes.length > CHUNK_BYTES) {
        used = flush(used);
      }
      if (bytes.length > CHUNK_BYTES) {
        write(bytes, bytes.length); // a line longer than a chunk goes alone
      } else {
        System.arraycopy(bytes, 0, chunk, used, bytes.length);
        used += bytes.length;
      }
    }
    flush(used);
  }

  private int flush(int used) {
    if (used > 0) {
      write(chunk, used);
    }
    return 0;
  }

  private void write(byte[] bytes, int length) {
    try {
      out.write(bytes, 0, length);
      out.flush();
    } catch (IOException e) {
      log.warn("access log: write failed: {}", e.toString());
    }
  }
}
