package dev.polyshop.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LatencyRecorderTest {

  private static final long MS = 1_000_000L;

  @Test
  void latency_countsFromTheIntendedSendTime_notTheActualOne() {
    var recorder = new LatencyRecorder();

    // Due at 0, sent 40 ms late because every connection was busy, answered 5 ms after sending.
    recorder.success(0, 40 * MS, 45 * MS);

    assertThat(recorder.latency().getMaxValue()).isBetween(44_900L, 45_100L);
    assertThat(recorder.sendLag().getMaxValue()).isBetween(39_900L, 40_100L);
    assertThat(recorder.completed()).isEqualTo(1);
  }

  @Test
  void percentiles_reflectEveryRecordedRequest() {
    var recorder = new LatencyRecorder();
    for (int i = 1; i <= 100; i++) {
      recorder.success(0, 0, i * MS);
    }

    assertThat(recorder.latency().getValueAtPercentile(50)).isBetween(49_900L, 50_100L);
    assertThat(recorder.latency().getValueAtPercentile(99)).isBetween(98_900L, 99_100L);
  }

  @Test
  void errors_areCountedApart_andRecordNoLatency() {
    var recorder = new LatencyRecorder();

    recorder.error();
    recorder.error();

    assertThat(recorder.errors()).isEqualTo(2);
    assertThat(recorder.completed()).isZero();
    assertThat(recorder.latency().getTotalCount()).isZero();
  }

  @Test
  void anUnfinishedRequest_isAnError_withWhatItWaitedAsALowerBound_evenBeyondTheHistogramRange() {
    var recorder = new LatencyRecorder();

    recorder.unfinished(0, 2_000 * MS);
    recorder.unfinished(0, 3_600_000 * MS); // an hour: clamped, not an exception

    assertThat(recorder.errors()).isEqualTo(2);
    assertThat(recorder.completed()).isZero();
    assertThat(recorder.latency().getMinValue()).isBetween(1_999_000L, 2_001_000L);
    assertThat(recorder.latency().getTotalCount()).isEqualTo(2);
  }

  @Test
  void aClockThatWentBackwards_recordsZero_notANegativeValue() {
    var recorder = new LatencyRecorder();

    recorder.success(10 * MS, 5 * MS, 9 * MS);

    assertThat(recorder.latency().getMaxValue()).isZero();
  }
}
