package dev.polyshop.bench.suite;

import dev.polyshop.bench.push.FanOut;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes a run as Markdown (for people) and JSON (everything measured, for tools). */
public final class Report {

  /** Everything the report is made from. */
  public record Run(
      String date,
      SuiteConfig config,
      Map<String, String> machine,
      List<Peer> peers,
      List<Scenario> scenarios,
      List<Measurement> measurements,
      List<Startup> startups,
      List<FanOut> fanOuts,
      Map<String, String> failures) {}

  private Report() {}

  public static void writeJson(Run run, Path file) throws IOException {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("date", run.date());
    json.put("config", run.config());
    json.put("machine", run.machine());
    json.put(
        "implementations",
        run.peers().stream()
            .map(p -> Map.of("name", p.name(), "description", p.description()))
            .toList());
    json.put("scenarios", run.scenarios());
    json.put("failures", run.failures());
    json.put("summary", Summary.rows(run.measurements()));
    json.put("measurements", run.measurements());
    json.put("startups", run.startups());
    json.put("fanOuts", run.fanOuts());
    Files.writeString(file, Json.write(json) + "\n");
  }

  public static void writeMarkdown(Run run, Path file, List<String> charts) throws IOException {
    var md = new StringBuilder();
    md.append("# Benchmark ")
        .append(run.date())
        .append(" on ")
        .append(run.machine().get("host"))
        .append("\n\n");
    md.append("Mode `")
        .append(run.config().mode())
        .append("`: ")
        .append(run.config().repetitions())
        .append(" repetition(s), interleaved; warm-up in ")
        .append(seconds(run.config().window()))
        .append(" s saturation windows until two in a row agree within ")
        .append(Math.round(run.config().steadyWithin() * 100))
        .append(" % (at most ")
        .append(run.config().maxWindows())
        .append("); each measured run lasts ")
        .append(seconds(run.config().measure()))
        .append(" s. Written by `./polyshop bench`.\n\n");
    md.append("## Machine\n\n| | |\n|---|---|\n");
    run.machine()
        .forEach(
            (k, v) ->
                md.append("| ").append(k).append(" | ").append(v.replace("|", "/")).append(" |\n"));
    md.append("\n## Implementations\n\n");
    run.peers()
        .forEach(
            p ->
                md.append("- **")
                    .append(p.name())
                    .append("**: ")
                    .append(p.description())
                    .append("\n"));
    if (!run.failures().isEmpty()) {
      md.append("\n**Failed:** ");
      run.failures()
          .forEach((k, v) -> md.append("`").append(k).append("`: ").append(v).append("; "));
      md.append("\n");
    }
    md.append("\n## Results\n\n");
    md.append(
        "Saturation: closed loop, the scenario's connections each with one request in flight;"
            + " throughput is the median over repetitions (min–max), and × Gin / × FastAPI are medians of"
            + " per-repetition ratios with their min–max (FastAPI = `"
            + Peers.FASTAPI
            + "`). Server CPU µs per request and peak"
            + " RSS cover the server's whole process tree (plus redis-server in the I/O scenario).\n"
            + "Fixed rate: open model at half of Gin's saturation from the same repetition; latency counts"
            + " from each request's intended send time, so queueing behind a slow server is included.\n\n");
    List<Summary.Row> rows = Summary.rows(run.measurements());
    for (Scenario scenario : run.scenarios()) {
      md.append("### ").append(scenario.name()).append(": ").append(scenario.what()).append("\n\n");
      md.append(
          "| implementation | saturation req/s | × Gin | × FastAPI | server CPU µs/req | peak RSS MiB"
              + " | fixed rate req/s (achieved) | p50 ms | p90 ms | p99 ms | p99.9 ms | errors | generator CPU µs/req |\n");
      md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
      for (Summary.Row r : rows) {
        if (!r.scenario().equals(scenario.name())) {
          continue;
        }
        md.append(
            String.format(
                Locale.ROOT,
                "| %s | %s (%s–%s)%s | %s | %s | %s | %s | %s (%s) | %s | %s | %s | %s | %d | %s |\n",
                r.peer(),
                num(r.saturationRps()),
                num(r.saturationMinRps()),
                num(r.saturationMaxRps()),
                r.steady() ? "" : " ⚠ not steady",
                ratio(r.ratioToGin()),
                ratio(r.ratioToFastApi()),
                num(r.cpuMicrosPerRequest()),
                num(r.peakRssMiB()),
                num(r.fixedTargetRps()),
                num(r.fixedAchievedRps()),
                num(r.p50Millis()),
                num(r.p90Millis()),
                num(r.p99Millis()),
                num(r.p999Millis()),
                r.errors(),
                num(r.generatorCpuMicrosPerRequest())));
      }
      md.append("\n");
    }
    FanOutTable.append(md, run.fanOuts());
    StartupTable.append(md, run.startups());
    for (String chart : charts) {
      md.append("![").append(chart).append("](").append(chart).append(")\n\n");
    }
    md.append(
        "## The article's figures, for comparison\n\n"
            + "\"Python vs Golang High Concurrency\" (2025), section 4, on a 4-core 8 GB cloud VM with Python 3.11,"
            + " FastAPI 0.104 + uvicorn, Go 1.21 + Gin and k6:\n\n"
            + "| scenario | FastAPI | Gin |\n|---|---:|---:|\n"
            + "| /ping req/s | 12,000 | 45,000 |\n| /ping p50 / p99 | 3 ms / 15 ms | 1 ms / 5 ms |\n"
            + "| /ping memory | 80 MB | 20 MB |\n| fib(35) req/s | 15 | 200 |\n"
            + "| fib(35) p50 / p99 | 2.5 s / 3.5 s | 180 ms / 250 ms |\n"
            + "| I/O (external API + Redis) req/s | 3,000 | 5,000 |\n"
            + "| I/O p50 / p99 | 25 ms / 80 ms | 20 ms / 50 ms |\n");
    Files.writeString(file, md.toString());
  }

  private static String seconds(java.time.Duration d) {
    return num(d.toMillis() / 1000.0);
  }

  static String num(double v) {
    if (Double.isNaN(v)) {
      return "–";
    }
    if (v >= 100) {
      return String.format(Locale.ROOT, "%,.0f", v);
    }
    return v >= 10 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.2f", v);
  }

  private static String ratio(Summary.Ratio r) {
    if (Double.isNaN(r.median())) {
      return "–";
    }
    if (r.min() == r.max()) {
      return String.format(Locale.ROOT, "%.2f×", r.median());
    }
    return String.format(Locale.ROOT, "%.2f× (%.2f–%.2f)", r.median(), r.min(), r.max());
  }
}
