package dev.polyshop.bench.suite;

import dev.polyshop.bench.push.FanOut;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * {@code suite --mode smoke|quick|full --bench DIR}: runs the suite and writes the report to {@code
 * results/} (smoke: to {@code target/smoke-report/}, and prints a plain summary). Exit status 1 if
 * any implementation failed to start, to answer, or answered with errors in smoke mode.
 */
public final class SuiteCommand {

  private SuiteCommand() {}

  public static int run(Map<String, List<String>> o) throws Exception {
    SuiteConfig config = SuiteConfig.of(one(o, "mode", "quick"));
    if (o.containsKey("repetitions")) {
      config = config.withRepetitions(Integer.parseInt(one(o, "repetitions", "1")));
    }
    Path bench = Path.of(one(o, "bench", "bench")).toAbsolutePath().normalize();
    String python = one(o, "python", "/usr/bin/python3");
    String java = one(o, "java", ProcessHandle.current().info().command().orElse("java"));
    var placement = new Suite.Placement(one(o, "server-cpus", "1"), one(o, "support-cpus", "0"));
    int serverCores = cores(placement.serverCpus());
    Set<String> only = Set.copyOf(o.getOrDefault("only", List.of()));
    List<Peer> peers =
        Peers.all(bench, java, python, serverCores).stream()
            .filter(p -> only.isEmpty() || only.contains(p.name()))
            .toList();
    Path logDir = Files.createDirectories(bench.resolve("target/bench-logs"));
    var suite = new Suite(config, peers, bench, logDir, placement, System.out::println);
    Map<String, String> machine = Machine.describe(python, placement, one(o, "loadgen-cpus", "0"));
    System.out.println(
        "bench " + config.mode() + ": " + peers.size() + " implementations, logs in " + logDir);
    boolean wanted =
        o.containsKey("architecture")
            || (!config.smoke() && !o.containsKey("no-architecture") && only.isEmpty());
    boolean architecture =
        wanted && suite.withArchitecture(Objects.requireNonNull(bench.getParent()), java);
    System.out.println(
        architecture
            ? "with Polyshop's services (gateway, product-service, search-service, push-service)"
            : wanted
                ? "without Polyshop's own services: their jars are not built"
                : "without Polyshop's own services (smoke, --only or --no-architecture)");
    long started = System.nanoTime();
    Map<String, String> failures = new LinkedHashMap<>();
    List<Measurement> measurements = suite.run(failures);
    System.out.printf("measured for %d s%n", (System.nanoTime() - started) / 1_000_000_000L);
    List<Scenario> scenarios = new java.util.ArrayList<>(suite.scenarios());
    List<Peer> described = new java.util.ArrayList<>(peers);
    if (architecture) {
      scenarios.addAll(Architecture.scenarios());
      described.addAll(Architecture.descriptions());
    }

    String date = LocalDate.now(ZoneOffset.UTC).toString();
    var run =
        new Report.Run(
            date,
            config,
            machine,
            described,
            scenarios,
            measurements,
            suite.startups(),
            suite.fanOuts(),
            failures);
    // Smoke writes its report under target/ so that CI exercises the report without publishing it.
    Path results =
        Files.createDirectories(bench.resolve(config.smoke() ? "target/smoke-report" : "results"));
    String base = date + "-" + Machine.hostName();
    if (!config.smoke()) {
      base = unusedName(results, base);
    }
    List<Summary.Row> rows = Summary.rows(measurements);
    Charts.throughput(scenarios, rows, results.resolve(base + "-throughput.png"));
    Charts.latency(scenarios, rows, results.resolve(base + "-latency.png"));
    Report.writeJson(run, results.resolve(base + ".json"));
    Report.writeMarkdown(
        run,
        results.resolve(base + ".md"),
        List.of(base + "-throughput.png", base + "-latency.png"));
    System.out.println(
        "wrote " + results.resolve(base + ".md") + " (+ .json, -throughput.png, -latency.png)");
    if (config.smoke()) {
      return smokeVerdict(peers, suite.scenarios(), measurements, suite.fanOuts(), failures);
    }
    return failures.isEmpty() ? 0 : 1;
  }

  private static int smokeVerdict(
      List<Peer> peers,
      List<Scenario> scenarios,
      List<Measurement> measurements,
      List<FanOut> fanOuts,
      Map<String, String> failures) {
    // Every (implementation, scenario) expected, plus whatever else ran (Polyshop's own services).
    Map<String, String[]> expected = new LinkedHashMap<>();
    for (Peer peer : peers) {
      for (Scenario scenario : scenarios) {
        if (peer.serves(scenario) && !failures.containsKey(peer.name())) {
          expected.put(
              peer.name() + " " + scenario.name(), new String[] {peer.name(), scenario.name()});
        }
      }
    }
    measurements.forEach(
        m ->
            expected.putIfAbsent(
                m.peer() + " " + m.scenario(), new String[] {m.peer(), m.scenario()}));
    int problems = failures.size();
    System.out.println();
    System.out.println("bench smoke summary (no timing is checked):");
    for (String[] key : expected.values()) {
      List<Measurement> runs =
          measurements.stream()
              .filter(x -> x.peer().equals(key[0]) && x.scenario().equals(key[1]))
              .toList();
      long ok =
          runs.stream()
              .mapToLong(
                  x ->
                      x.saturation().load().completed()
                          + (x.fixedRate() == null ? 0 : x.fixedRate().load().completed()))
              .sum();
      long errors = runs.stream().mapToLong(Summary::errors).sum();
      boolean pass = ok > 0 && errors == 0;
      problems += pass ? 0 : 1;
      System.out.printf(
          "  %-4s %-24s %-11s %d answered, %d errors%n",
          pass ? "ok" : "FAIL", key[0], key[1], ok, errors);
    }
    for (FanOut f : fanOuts) {
      problems += f.complete() ? 0 : 1;
      System.out.printf(
          "  %-4s %-24s %-11s %d of %d subscribed, %d of %d events received%n",
          f.complete() ? "ok" : "FAIL",
          f.row(),
          "fan-out",
          f.subscribed(),
          f.wanted(),
          f.receipts(),
          f.expectedReceipts());
    }
    failures.forEach(
        (name, why) -> System.out.printf("  FAIL %-24s did not start or answer: %s%n", name, why));
    System.out.println(
        problems == 0 ? "bench smoke: PASS" : "bench smoke: FAIL (" + problems + " problem(s))");
    return problems == 0 ? 0 : 1;
  }

  /** Number of cores in a taskset list such as {@code 1}, {@code 2-3} or {@code 0,2}. */
  static int cores(String list) {
    int n = 0;
    for (String part : list.split(",")) {
      String[] range = part.trim().split("-");
      n += range.length == 1 ? 1 : Integer.parseInt(range[1]) - Integer.parseInt(range[0]) + 1;
    }
    return n;
  }

  private static String one(Map<String, List<String>> o, String key, String fallback) {
    List<String> values = o.get(key);
    return values == null || values.isEmpty() ? fallback : values.getLast();
  }

  /**
   * {@code base}, or {@code base-2}, {@code base-3}… if a report of that name is already there: a
   * second run on the same day and host never overwrites the first one's files.
   */
  static String unusedName(Path dir, String base) {
    String name = base;
    for (int n = 2;
        Files.exists(dir.resolve(name + ".md")) || Files.exists(dir.resolve(name + ".json"));
        n++) {
      name = base + "-" + n;
    }
    return name;
  }
}
