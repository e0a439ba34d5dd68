package dev.polyshop.bench.load;

import org.HdrHistogram.Histogram;

/**
 * What one run measured. Latencies are microseconds; in the open model they run from the intended
 * send time, in saturation (closed loop) from the actual send.
 *
 * @param mode {@code fixed-rate} or {@code saturation}
 * @param targetRate the requested arrival rate (0 in saturation)
 * @param achievedRate completed responses per second of the run
 * @param errors failed, refused, non-2xx or never-completed requests
 * @param sendLagP99Micros 99th percentile of actual minus intended send time: large values mean the
 *     generator (or its connections) could not keep up
 */
public record LoadResult(
    String mode,
    int connections,
    double targetRate,
    double seconds,
    long completed,
    long errors,
    double achievedRate,
    long p50Micros,
    long p90Micros,
    long p99Micros,
    long p999Micros,
    long maxMicros,
    long sendLagP99Micros) {

  static LoadResult of(
      String mode,
      int connections,
      double targetRate,
      long elapsedNanos,
      LatencyRecorder recorder) {
    Histogram h = recorder.latency();
    double seconds = elapsedNanos / 1e9;
    return new LoadResult(
        mode,
        connections,
        targetRate,
        seconds,
        recorder.completed(),
        recorder.errors(),
        seconds > 0 ? recorder.completed() / seconds : 0,
        h.getValueAtPercentile(50),
        h.getValueAtPercentile(90),
        h.getValueAtPercentile(99),
        h.getValueAtPercentile(99.9),
        h.getMaxValue(),
        recorder.sendLag().getValueAtPercentile(99));
  }
}
