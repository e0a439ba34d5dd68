package dev.polyshop.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ArrivalScheduleTest {

  private static final long START = 1_000_000_000L;
  private static final long MS = 1_000_000L;

  @Test
  void intendedTimes_followTheRate_fromTheStart() {
    var schedule = new ArrivalSchedule(START, 1000, 10 * MS);

    assertThat(schedule.intendedTime(0)).isEqualTo(START);
    assertThat(schedule.intendedTime(1)).isEqualTo(START + MS);
    assertThat(schedule.intendedTime(7)).isEqualTo(START + 7 * MS);
  }

  @Test
  void nothingIsDue_beforeItsTime() {
    var schedule = new ArrivalSchedule(START, 1000, 10 * MS);
    schedule.take();

    assertThat(schedule.hasDue(START + MS - 1)).isFalse();
    assertThat(schedule.nanosUntilNext(START + MS - 1)).isEqualTo(1);
    assertThat(schedule.hasDue(START + MS)).isTrue();
  }

  @Test
  void aLateLoop_getsEveryMissedRequest_withItsOriginalIntendedTime() {
    var schedule = new ArrivalSchedule(START, 1000, 10 * MS);

    long now = START + 3 * MS + 500; // the loop was stalled for 3 ms
    long taken = 0;
    while (schedule.hasDue(now)) {
      assertThat(schedule.take()).isEqualTo(START + taken * MS);
      taken++;
    }

    assertThat(taken).isEqualTo(4);
  }

  @Test
  void theRunIssuesRateTimesDuration_andThenStops() {
    var schedule = new ArrivalSchedule(START, 333, 3_000 * MS);

    long farFuture = START + 3_600_000 * MS;
    while (schedule.hasDue(farFuture)) {
      schedule.take();
    }

    assertThat(schedule.issued()).isEqualTo(999);
    assertThat(schedule.finished()).isTrue();
    assertThat(schedule.nanosUntilNext(farFuture)).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void aRateOfZero_isRefused() {
    assertThatThrownBy(() -> new ArrivalSchedule(START, 0, MS))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
