package dev.polyshop.bench.suite;

import dev.polyshop.bench.load.LoadResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/** Medians and spread over repetitions, and each implementation's ratio to Gin and to FastAPI. */
public final class Summary {

  /**
   * One implementation on one scenario over all repetitions. Ratios compare each repetition with
   * the reference measured in the same repetition (see {@link Ratio}).
   */
  public record Row(
      String peer,
      String scenario,
      int repetitions,
      double saturationRps,
      double saturationMinRps,
      double saturationMaxRps,
      Ratio ratioToGin,
      Ratio ratioToFastApi,
      double cpuMicrosPerRequest,
      double peakRssMiB,
      double fixedTargetRps,
      double fixedAchievedRps,
      double p50Millis,
      double p90Millis,
      double p99Millis,
      double p999Millis,
      long errors,
      double generatorCpuMicrosPerRequest,
      boolean steady) {}

  /**
   * A saturation ratio to a reference over repetitions: the median of the per-repetition ratios and
   * their spread; NaN throughout when the reference is absent.
   */
  public record Ratio(double median, double min, double max) {
    static final Ratio NONE = new Ratio(Double.NaN, Double.NaN, Double.NaN);
  }

  private Summary() {}

  public static List<Row> rows(List<Measurement> all) {
    Map<String, List<Measurement>> groups = new LinkedHashMap<>();
    for (Measurement m : all) {
      groups.computeIfAbsent(m.scenario() + "\u0000" + m.peer(), k -> new ArrayList<>()).add(m);
    }
    List<Row> rows = new ArrayList<>();
    for (List<Measurement> group : groups.values()) {
      Measurement first = group.getFirst();
      List<Measurement.Phase> fixed =
          group.stream().map(Measurement::fixedRate).filter(Objects::nonNull).toList();
      rows.add(
          new Row(
              first.peer(),
              first.scenario(),
              group.size(),
              median(group, m -> m.saturation().load().achievedRate()),
              group.stream()
                  .mapToDouble(m -> m.saturation().load().achievedRate())
                  .min()
                  .orElse(Double.NaN),
              group.stream()
                  .mapToDouble(m -> m.saturation().load().achievedRate())
                  .max()
                  .orElse(Double.NaN),
              ratio(all, group, Peers.GIN),
              ratio(all, group, Peers.FASTAPI),
              median(group, m -> m.saturation().serverCpuMicrosPerRequest()),
              group.stream()
                  .mapToDouble(m -> m.saturation().serverPeakRssMiB())
                  .max()
                  .orElse(Double.NaN),
              median(fixed, p -> p.load().targetRate()),
              median(fixed, p -> p.load().achievedRate()),
              median(fixed, p -> p.load().p50Micros() / 1000.0),
              median(fixed, p -> p.load().p90Micros() / 1000.0),
              median(fixed, p -> p.load().p99Micros() / 1000.0),
              median(fixed, p -> p.load().p999Micros() / 1000.0),
              group.stream().mapToLong(m -> errors(m)).sum(),
              median(group, m -> m.saturation().generatorCpuMicrosPerRequest()),
              group.stream().allMatch(Measurement::steady)));
    }
    return rows;
  }

  /** One plain progress line for a measurement. */
  public static String line(Measurement m) {
    LoadResult s = m.saturation().load();
    String fixed = "";
    if (m.fixedRate() != null) {
      LoadResult f = m.fixedRate().load();
      fixed =
          String.format(
              Locale.ROOT,
              " | fixed %.0f/s: got %.0f/s p50 %.2f ms p99 %.2f ms p99.9 %.2f ms errors %d",
              f.targetRate(),
              f.achievedRate(),
              f.p50Micros() / 1000.0,
              f.p99Micros() / 1000.0,
              f.p999Micros() / 1000.0,
              f.errors());
    }
    return String.format(
        Locale.ROOT,
        "rep %d %-16s %-5s saturation %.1f/s (%d ok, %d errors) server %.1f us CPU/req %.1f MiB"
            + " | generator %.1f us CPU/req | warm-up %d windows%s%s",
        m.repetition(),
        m.peer(),
        m.scenario(),
        s.achievedRate(),
        s.completed(),
        s.errors(),
        m.saturation().serverCpuMicrosPerRequest(),
        m.saturation().serverPeakRssMiB(),
        m.saturation().generatorCpuMicrosPerRequest(),
        m.warmupWindows(),
        m.steady() ? "" : " (not steady)",
        fixed);
  }

  static long errors(Measurement m) {
    return m.saturation().load().errors()
        + (m.fixedRate() == null ? 0 : m.fixedRate().load().errors());
  }

  private static Ratio ratio(List<Measurement> all, List<Measurement> group, String reference) {
    List<Double> ratios = new ArrayList<>();
    for (Measurement m : group) {
      all.stream()
          .filter(
              r ->
                  r.peer().equals(reference)
                      && r.scenario().equals(m.scenario())
                      && r.repetition() == m.repetition())
          .findFirst()
          .filter(r -> r.saturation().load().achievedRate() > 0)
          .ifPresent(
              r ->
                  ratios.add(
                      m.saturation().load().achievedRate() / r.saturation().load().achievedRate()));
    }
    if (ratios.isEmpty()) {
      return Ratio.NONE;
    }
    return new Ratio(
        median(ratios, Double::doubleValue),
        ratios.stream().mapToDouble(Double::doubleValue).min().orElseThrow(),
        ratios.stream().mapToDouble(Double::doubleValue).max().orElseThrow());
  }

  static <T> double median(List<T> items, ToDoubleFunction<T> value) {
    if (items.isEmpty()) {
      return Double.NaN;
    }
    double[] v = items.stream().mapToDouble(value).sorted().toArray();
    int mid = v.length / 2;
    return v.length % 2 == 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
  }
}
