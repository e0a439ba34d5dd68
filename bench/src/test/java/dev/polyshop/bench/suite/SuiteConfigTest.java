package dev.polyshop.bench.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyshop.bench.load.LoadResult;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SuiteConfigTest {

  // calibration 1 + Gin 3 + two FastAPI 6 + Reactor Netty 3 + Polyshop's services 3
  // + search direct and via the gateway 2 + the empty gRPC service 1
  private static final int SCENARIO_RUNS = 19;

  @Test
  void quick_measuresForAtMostSixMinutes_leavingTheRestOfTenForBuildsAndStartups() {
    assertThat(SuiteConfig.of("quick").worstCase(SCENARIO_RUNS))
        .isLessThanOrEqualTo(Duration.ofMinutes(6));
  }

  @Test
  void full_repeatsThreeTimes_andUsesTheArticlesFibonacciArgument() {
    var full = SuiteConfig.of("full");

    assertThat(full.repetitions()).isGreaterThanOrEqualTo(3);
    assertThat(full.fibN()).isEqualTo(35);
    assertThat(full.steadyWithin()).isEqualTo(0.05);
  }

  @Test
  void warmUp_isSteadyOnlyWhenSuccessiveWindowsAgreeWithinTheTolerance() {
    assertThat(WarmUp.steady(10_000, 10_400, 0.05)).isTrue();
    assertThat(WarmUp.steady(10_000, 9_500, 0.05)).isTrue();
    assertThat(WarmUp.steady(10_000, 10_600, 0.05)).isFalse();
    assertThat(WarmUp.steady(-1, 10_000, 0.05))
        .as("the first window has nothing to agree with")
        .isFalse();
    assertThat(WarmUp.steady(0, 0, 0.05))
        .as("a server that answers nothing is not steady")
        .isFalse();
  }

  @Test
  void full_warmsUpForUpToThreeMinutes_theJitOfAJvmOnOneCoreNeedsMinutes() {
    var full = SuiteConfig.of("full");

    assertThat(full.window().multipliedBy(full.maxWindows()))
        .isGreaterThanOrEqualTo(Duration.ofMinutes(3));
  }

  @Test
  void compilerShare_isTheJitThreadsPartOfTheServersCpuBetweenTwoSamples() {
    var before = new WarmUp.CpuSample(1_000, 100);

    assertThat(WarmUp.compilerShare(before, new WarmUp.CpuSample(1_500, 200))).isEqualTo(0.2);
    assertThat(WarmUp.compilerShare(before, new WarmUp.CpuSample(1_500, 110)))
        .isLessThanOrEqualTo(WarmUp.JIT_QUIET);
    assertThat(WarmUp.compilerShare(before, before)).as("an idle server").isZero();
  }

  @Test
  void warm_needsFlatThroughputAndAQuietJit_orTooFewAnswersToTrend() {
    assertThat(WarmUp.warm(10_000, window(10_200, 50_000), 0.01, 0.05)).isTrue();
    assertThat(WarmUp.warm(10_000, window(10_200, 50_000), 0.20, 0.05))
        .as("flat, but the JIT still takes a fifth of the core")
        .isFalse();
    assertThat(WarmUp.warm(10_000, window(12_000, 60_000), 0.0, 0.05)).isFalse();
    assertThat(WarmUp.warm(0.2, window(0.6, 3), 0.0, 0.05))
        .as("three answers in a window cannot show a trend")
        .isTrue();
  }

  private static LoadResult window(double rate, long completed) {
    return new LoadResult("saturation", 8, 0, 5, completed, 0, rate, 1, 2, 3, 4, 5, 0);
  }

  @Test
  void smokeRate_isTheConfiguredRate_unlessHalfTheSaturationIsLower_butAtLeastFive() {
    assertThat(Suite.smokeRate(50, 13_000)).isEqualTo(50);
    assertThat(Suite.smokeRate(50, 20)).isEqualTo(10);
    assertThat(Suite.smokeRate(50, 0)).isEqualTo(5);
  }

  @Test
  void withRepetitions_changesOnlyTheRepetitions() {
    var full = SuiteConfig.of("full");

    assertThat(full.withRepetitions(1).repetitions()).isEqualTo(1);
    assertThat(full.withRepetitions(1).maxWindows()).isEqualTo(full.maxWindows());
    assertThatThrownBy(() -> full.withRepetitions(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anUnknownMode_isRefused() {
    assertThatThrownBy(() -> SuiteConfig.of("fast")).isInstanceOf(IllegalArgumentException.class);
  }
}
