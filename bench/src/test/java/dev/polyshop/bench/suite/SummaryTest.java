package dev.polyshop.bench.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.polyshop.bench.load.LoadResult;
import java.util.List;
import org.junit.jupiter.api.Test;

class SummaryTest {

  @Test
  void ratios_compareWithTheReferenceFromTheSameRepetition_thenTakeTheMedian() {
    // Gin varies between repetitions; the peer is always half of the Gin it ran next to.
    var all =
        List.of(
            measurement(1, Peers.GIN, 30_000),
            measurement(1, "reactor-netty", 15_000),
            measurement(2, Peers.GIN, 20_000),
            measurement(2, "reactor-netty", 10_000),
            measurement(3, Peers.GIN, 40_000),
            measurement(3, "reactor-netty", 20_000));

    Summary.Row row = row(Summary.rows(all), "reactor-netty");

    assertThat(row.ratioToGin().median()).isCloseTo(0.5, within(1e-9));
    assertThat(row.saturationRps()).isEqualTo(15_000);
    assertThat(row.saturationMinRps()).isEqualTo(10_000);
    assertThat(row.saturationMaxRps()).isEqualTo(20_000);
    assertThat(row.repetitions()).isEqualTo(3);
  }

  @Test
  void aMissingReference_leavesTheRatioEmpty() {
    var all = List.of(measurement(1, Peers.GIN, 30_000), measurement(1, "reactor-netty", 15_000));

    assertThat(row(Summary.rows(all), "reactor-netty").ratioToFastApi().median()).isNaN();
  }

  @Test
  void ratios_carryTheirSpreadOverRepetitions() {
    var all =
        List.of(
            measurement(1, Peers.GIN, 30_000),
            measurement(1, "reactor-netty", 6_000),
            measurement(2, Peers.GIN, 20_000),
            measurement(2, "reactor-netty", 10_000),
            measurement(3, Peers.GIN, 40_000),
            measurement(3, "reactor-netty", 12_000));

    Summary.Ratio ratio = row(Summary.rows(all), "reactor-netty").ratioToGin();

    assertThat(ratio.median()).isCloseTo(0.3, within(1e-9));
    assertThat(ratio.min()).isCloseTo(0.2, within(1e-9));
    assertThat(ratio.max()).isCloseTo(0.5, within(1e-9));
  }

  @Test
  void median_ofAnEvenCount_isTheMeanOfTheMiddleTwo() {
    assertThat(Summary.median(List.of(4.0, 1.0, 3.0, 2.0), Double::doubleValue)).isEqualTo(2.5);
    assertThat(Summary.median(List.of(5.0, 1.0, 3.0), Double::doubleValue)).isEqualTo(3.0);
    assertThat(Summary.median(List.<Double>of(), Double::doubleValue)).isNaN();
  }

  @Test
  void errors_addUpBothPhasesOverRepetitions() {
    var all = List.of(measurement(1, Peers.GIN, 100, 2, 3), measurement(2, Peers.GIN, 100, 1, 0));

    assertThat(row(Summary.rows(all), Peers.GIN).errors()).isEqualTo(6);
  }

  @Test
  void coreLists_countRangesAndSingles() {
    assertThat(SuiteCommand.cores("1")).isEqualTo(1);
    assertThat(SuiteCommand.cores("2-3")).isEqualTo(2);
    assertThat(SuiteCommand.cores("0,2-5")).isEqualTo(5);
  }

  private static Summary.Row row(List<Summary.Row> rows, String peer) {
    return rows.stream().filter(r -> r.peer().equals(peer)).findFirst().orElseThrow();
  }

  private static Measurement measurement(int rep, String peer, double rps) {
    return measurement(rep, peer, rps, 0, 0);
  }

  private static Measurement measurement(
      int rep, String peer, double rps, long saturationErrors, long fixedErrors) {
    var saturation =
        new LoadResult(
            "saturation", 64, 0, 10, (long) rps * 10, saturationErrors, rps, 1, 2, 3, 4, 5, 0);
    var fixed =
        new LoadResult(
            "fixed-rate", 64, rps / 2, 10, (long) rps * 5, fixedErrors, rps / 2, 1, 2, 3, 4, 5, 0);
    return new Measurement(
        rep,
        peer,
        Scenario.PING,
        2,
        4.0,
        true,
        new Measurement.Phase(saturation, 30, 12, 20),
        new Measurement.Phase(fixed, 30, 12, 20));
  }
}
