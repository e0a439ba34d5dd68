package dev.polyshop.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

  @Test
  void delay_doublesAfterEveryPause_upToTheCeiling_andStartsOverOnReset() {
    Backoff backoff = new Backoff(Duration.ofMillis(2), Duration.ofMillis(10));
    assertThat(backoff.delay()).isEqualTo(Duration.ofMillis(2));
    for (long expected : new long[] {4, 8, 10, 10}) {
      assertThat(backoff.pause()).isTrue();
      assertThat(backoff.delay()).isEqualTo(Duration.ofMillis(expected));
    }
    backoff.reset();
    assertThat(backoff.delay()).isEqualTo(Duration.ofMillis(2));
  }

  @Test
  void pause_waitsBetweenHalfAndAllOfTheDelay() {
    Backoff backoff = new Backoff(Duration.ofMillis(200), Duration.ofMillis(200));
    for (int i = 0; i < 3; i++) {
      long start = System.nanoTime();
      backoff.pause();
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .isGreaterThanOrEqualTo(Duration.ofMillis(100))
          .isLessThan(Duration.ofMillis(200 + 150));
    }
  }

  @Test
  void pause_onAnInterruptedThread_returnsFalse_andKeepsTheInterrupt() {
    Backoff backoff = new Backoff(Duration.ofSeconds(10), Duration.ofSeconds(10));
    Thread.currentThread().interrupt();
    try {
      assertThat(backoff.pause()).isFalse();
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void bounds_outOfOrder_areRefused() {
    assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
