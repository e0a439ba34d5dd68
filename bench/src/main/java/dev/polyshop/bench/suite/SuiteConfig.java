package dev.polyshop.bench.suite;

import java.time.Duration;

/**
 * How long and how often the suite measures.
 *
 * @param window length of one warm-up window (closed-loop saturation)
 * @param minWindows warm-up windows always run
 * @param maxWindows warm-up gives up being steady after this many (the report says so)
 * @param steadyWithin successive windows within this fraction count as steady
 * @param measure length of each measured run (saturation, then fixed rate)
 * @param drain how long a fixed-rate run waits for late answers before counting them as errors
 * @param smokeRate the fixed rate of smoke runs (the other modes use half of Gin's saturation)
 */
public record SuiteConfig(
    String mode,
    Duration window,
    int minWindows,
    int maxWindows,
    double steadyWithin,
    Duration measure,
    Duration drain,
    int repetitions,
    int fibN,
    double smokeRate) {

  public static SuiteConfig of(String mode) {
    return switch (mode) {
      case "smoke" ->
          new SuiteConfig(
              mode,
              Duration.ofSeconds(1),
              1,
              1,
              1.0,
              Duration.ofSeconds(2),
              Duration.ofSeconds(30),
              1,
              20,
              50);
      case "quick" ->
          new SuiteConfig(
              mode,
              Duration.ofSeconds(2),
              2,
              3,
              0.05,
              Duration.ofSeconds(5),
              Duration.ofSeconds(2),
              1,
              30,
              0);
      case "full" ->
          new SuiteConfig(
              mode,
              Duration.ofSeconds(5),
              2,
              36,
              0.05,
              Duration.ofSeconds(20),
              Duration.ofSeconds(30),
              3,
              35,
              0);
      default -> throw new IllegalArgumentException("mode must be smoke, quick or full: " + mode);
    };
  }

  /**
   * The longest the measuring can take for {@code scenarioRuns} (implementation, scenario) pairs
   * per repetition: every warm-up at its maximum and every fixed-rate run draining to the end.
   */
  public Duration worstCase(int scenarioRuns) {
    Duration perRun = window.multipliedBy(maxWindows).plus(measure.multipliedBy(2)).plus(drain);
    return perRun.multipliedBy((long) scenarioRuns * repetitions);
  }

  /** The same, with {@code n} repetitions (at least 1). */
  public SuiteConfig withRepetitions(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("repetitions must be at least 1: " + n);
    }
    return new SuiteConfig(
        mode, window, minWindows, maxWindows, steadyWithin, measure, drain, n, fibN, smokeRate);
  }

  public boolean smoke() {
    return mode.equals("smoke");
  }
}
