package dev.polyshop.bench.load;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Latencies of one run, in microseconds. In the open model a request's latency runs from its
 * intended send time, so time spent waiting behind a slow response counts (no coordinated
 * omission); the lag between intended and actual send is kept apart to show whether the generator
 * kept up.
 */
final class LatencyRecorder {

  private static final long MAX_MICROS = TimeUnit.MINUTES.toMicros(5);

  private final Histogram latency = new Histogram(MAX_MICROS, 3);
  private final Histogram sendLag = new Histogram(MAX_MICROS, 3);
  private long completed;
  private long errors;

  /** A response arrived: latency from when it should have been sent to when it completed. */
  void success(long intendedNanos, long sentNanos, long completedNanos) {
    completed++;
    latency.recordValue(clamp(completedNanos - intendedNanos));
    sendLag.recordValue(clamp(sentNanos - intendedNanos));
  }

  /** A request still unanswered when the run gave up: an error, and at least this late. */
  void unfinished(long intendedNanos, long stopNanos) {
    errors++;
    latency.recordValue(clamp(stopNanos - intendedNanos));
  }

  void error() {
    errors++;
  }

  long completed() {
    return completed;
  }

  long errors() {
    return errors;
  }

  Histogram latency() {
    return latency;
  }

  Histogram sendLag() {
    return sendLag;
  }

  private static long clamp(long nanos) {
    return Math.min(MAX_MICROS, Math.max(0, TimeUnit.NANOSECONDS.toMicros(nanos)));
  }
}
