package dev.polyshop.bench.suite;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The report's cold-start and warm-up table: medians over repetitions per service. */
final class StartupTable {

  /** One service over all repetitions (times in seconds, NaN when not measured). */
  record Row(
      String service,
      int repetitions,
      double readyMedian,
      double readyMin,
      double readyMax,
      double warmupMedian,
      boolean steady,
      String notes) {}

  private StartupTable() {}

  static List<Row> rows(List<Startup> startups) {
    Map<String, List<Startup>> byService = new LinkedHashMap<>();
    startups.forEach(s -> byService.computeIfAbsent(s.service(), k -> new ArrayList<>()).add(s));
    List<Row> rows = new ArrayList<>();
    byService.forEach(
        (service, runs) ->
            rows.add(
                new Row(
                    service,
                    runs.size(),
                    Summary.median(runs, Startup::readySeconds),
                    runs.stream().mapToDouble(Startup::readySeconds).min().orElse(Double.NaN),
                    runs.stream().mapToDouble(Startup::readySeconds).max().orElse(Double.NaN),
                    Summary.median(runs, Startup::warmupSeconds),
                    runs.stream().allMatch(s -> s.steady() || Double.isNaN(s.warmupSeconds())),
                    String.join(
                        "; ",
                        runs.stream()
                            .map(Startup::note)
                            .filter(Objects::nonNull)
                            .filter(n -> !n.isEmpty())
                            .distinct()
                            .toList()))));
    return rows;
  }

  static void append(StringBuilder md, List<Startup> startups) {
    if (startups.isEmpty()) {
      return;
    }
    md.append("### Cold start and warm-up\n\n")
        .append(
            "Start → ready: from starting the process (a fresh JVM, pinned to the server cores) to its"
                + " readiness check passing, polled every 20 ms. Polyshop's services start as"
                + " `./polyshop up` starts them, with the AOT cache (JEP 483/514/515) that"
                + " `scripts/aot-cache.sh` trained after the build. Warm-up: from ready to steady-state"
                + " throughput, i.e. saturation windows until two in a row agree within the tolerance"
                + " (the first scenario run against the service; its resolution is one window).\n\n")
        .append("| service | start → ready s (min–max) | ready → steady s | notes |\n")
        .append("|---|---:|---:|---|\n");
    for (Row r : rows(startups)) {
      md.append("| ")
          .append(r.service())
          .append(" | ")
          .append(Report.num(r.readyMedian()))
          .append(" (")
          .append(Report.num(r.readyMin()))
          .append("–")
          .append(Report.num(r.readyMax()))
          .append(") | ")
          .append(Report.num(r.warmupMedian()))
          .append(r.steady() ? "" : " ⚠ not steady")
          .append(" | ")
          .append(r.notes().replace("|", "/"))
          .append(" |\n");
    }
    md.append("\n");
  }
}
