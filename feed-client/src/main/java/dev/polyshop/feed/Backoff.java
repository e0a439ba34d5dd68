package dev.polyshop.feed;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The wait between the retries of a loop that talks to a peer which may be down: it starts at
 * {@code min}, doubles after every failure up to {@code max}, and starts over after a success. Each
 * wait is drawn between half and all of the current delay, so that replicas which failed together
 * do not retry in step. One instance per loop; not thread-safe.
 */
public final class Backoff {

  private final Duration min;
  private final Duration max;
  private Duration delay;

  public Backoff(Duration min, Duration max) {
    if (min.isNegative() || min.isZero() || max.compareTo(min) < 0) {
      throw new IllegalArgumentException("backoff needs 0 < min <= max: " + min + ", " + max);
    }
    this.min = min;
    this.max = max;
    this.delay = min;
  }

  /** After a success: the next failure waits {@code min} again. */
  public void reset() {
    delay = min;
  }

  /** The delay the next {@link #pause()} draws its wait from. */
  public Duration delay() {
    return delay;
  }

  /**
   * Waits between half and all of the current delay, then doubles it (up to {@code max}). Returns
   * false if the thread was interrupted meanwhile, with its interrupt flag set again.
   */
  public boolean pause() {
    long millis = delay.toMillis();
    Duration wait =
        Duration.ofMillis(millis / 2 + ThreadLocalRandom.current().nextLong(millis / 2 + 1));
    Duration doubled = delay.multipliedBy(2);
    delay = doubled.compareTo(max) > 0 ? max : doubled;
    return sleep(wait);
  }

  /** Sleeps; returns false if the thread was interrupted, with its interrupt flag set again. */
  public static boolean sleep(Duration duration) {
    try {
      Thread.sleep(duration);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
