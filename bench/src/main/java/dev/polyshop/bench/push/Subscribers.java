package dev.polyshop.bench.push;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Many subscribers to one topic, over some transport. A subscriber counts as subscribed when its
 * first message (push-service's opening heartbeat) arrives; one still without it when no other has
 * progressed for the timeout is failed, never waited on forever. Each published event's fan-out
 * latency runs from just before the publish call to each subscriber's receipt of it.
 */
public abstract class Subscribers implements AutoCloseable {

  private static final long MAX_MICROS = TimeUnit.MINUTES.toMicros(5);

  private final int wanted;
  private final AtomicInteger subscribed = new AtomicInteger();
  private final AtomicInteger errors = new AtomicInteger();
  private final AtomicInteger resets = new AtomicInteger();
  private final AtomicLongArray publishedAt;
  private final AtomicInteger[] receipts;
  private final Histogram fanOut = new ConcurrentHistogram(MAX_MICROS, 3);
  private volatile long lastProgress;

  protected Subscribers(int wanted, int maxEvents) {
    this.wanted = wanted;
    this.publishedAt = new AtomicLongArray(maxEvents);
    this.receipts = new AtomicInteger[maxEvents];
    for (int i = 0; i < maxEvents; i++) {
      receipts[i] = new AtomicInteger();
    }
  }

  /** Opens every subscription (returns once all are requested, not answered). */
  public abstract void open() throws IOException;

  /** Ends every subscription. */
  @Override
  public abstract void close() throws IOException, InterruptedException;

  public int wanted() {
    return wanted;
  }

  public int subscribed() {
    return subscribed.get();
  }

  /**
   * {@code Reset}s received: push-service's explicit gap signal (e.g. a subscriber too slow for its
   * queue), so that a missing receipt can be told from a signalled gap.
   */
  public int resets() {
    return resets.get();
  }

  /** Records a {@code Reset} received by a subscriber. */
  protected final void resetReceived() {
    resets.incrementAndGet();
  }

  /** Subscriptions that ended with an error or a refused connection. */
  public int errors() {
    return errors.get();
  }

  /**
   * Waits until every subscriber has its first message or has failed, or until no subscriber has
   * got one (or failed) for {@code quiet}: many subscriptions take a while to open, so the timeout
   * counts from the latest progress, and the ones still waiting then are failed.
   */
  public int awaitSubscribed(Duration quiet) throws InterruptedException {
    lastProgress = System.nanoTime();
    while (subscribed() + errors() < wanted && System.nanoTime() - lastProgress < quiet.toNanos()) {
      Thread.sleep(10);
    }
    return subscribed();
  }

  /**
   * Marks event {@code index} as published now: call just before the publish call. An event never
   * marked (a warm-up event) is received and counted, but not timed.
   */
  public void publishing(int index) {
    publishedAt.set(index, System.nanoTime());
  }

  /**
   * Waits until {@code expected} subscribers have event {@code index} or {@code timeout} passed.
   */
  public int awaitReceipts(int index, int expected, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (receipts[index].get() < expected && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    return receipts[index].get();
  }

  public Histogram fanOut() {
    return fanOut;
  }

  protected void firstMessage() {
    subscribed.incrementAndGet();
    lastProgress = System.nanoTime();
  }

  protected void failed() {
    errors.incrementAndGet();
    lastProgress = System.nanoTime();
  }

  /**
   * The number of a harness event, from its data {@code {"seq":N}}; -1 if it has none. Receipts
   * count by this number, not by their order on a stream: a subscriber that joined after an event
   * went out, or lost one to a {@code Reset}, still has every later event counted as itself.
   */
  public static int seq(String dataJson) {
    int at = dataJson.indexOf("\"seq\":");
    if (at < 0) {
      return -1;
    }
    int i = at + 6;
    int n = 0;
    int digits = 0;
    while (i < dataJson.length() && Character.isDigit(dataJson.charAt(i)) && digits < 9) {
      n = n * 10 + (dataJson.charAt(i++) - '0');
      digits++;
    }
    return digits == 0 ? -1 : n;
  }

  /** A subscriber received event {@code index} (its {@code seq}) at {@code nanos}. */
  protected void received(int index, long nanos) {
    if (index < 0 || index >= receipts.length) {
      return;
    }
    long published = publishedAt.get(index);
    if (published != 0) {
      fanOut.recordValue(
          Math.min(MAX_MICROS, Math.max(0, TimeUnit.NANOSECONDS.toMicros(nanos - published))));
    }
    receipts[index].incrementAndGet();
  }
}
