package dev.polyshop.bench;

import dev.polyshop.bench.grpc.EmptyServer;
import dev.polyshop.bench.load.LoadGenerator;
import dev.polyshop.bench.load.LoadResult;
import dev.polyshop.bench.proc.ProcFs;
import dev.polyshop.bench.proc.ResourceMeter;
import dev.polyshop.bench.suite.Json;
import dev.polyshop.bench.suite.SuiteCommand;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The harness's command line: {@code load} runs the generator once, {@code suite} runs everything.
 */
public final class Main {

  private static final String USAGE =
      """
      usage:
        load --port P [--host 127.0.0.1] [--path /ping] [--connections 64] [--seconds 10]
             [--rate R (fixed rate; omit for saturation)] [--pid PID ...]
        grpc-empty --port P   (the empty grpc-java unary service, the gRPC ceiling)
        suite --mode quick|full|smoke --bench DIR [--only NAME ...] [--architecture | --no-architecture]
              [--repetitions N]
              [--java BIN] [--python BIN] [--loadgen-cpus L] [--server-cpus L] [--support-cpus L]
              (bench/run.sh builds and passes these; see bench/README.md)
      """;

  private Main() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      System.err.print(USAGE);
      System.exit(2);
    }
    Map<String, List<String>> options = options(args);
    switch (args[0]) {
      case "load" -> load(options);
      case "suite" -> System.exit(SuiteCommand.run(options));
      case "grpc-empty" -> EmptyServer.serve(Integer.parseInt(one(options, "port", null)));
      default -> {
        System.err.print(USAGE);
        System.exit(2);
      }
    }
  }

  private static void load(Map<String, List<String>> o) throws Exception {
    var generator =
        new LoadGenerator(
            one(o, "host", "127.0.0.1"),
            Integer.parseInt(one(o, "port", null)),
            one(o, "path", "/ping"));
    int connections = Integer.parseInt(one(o, "connections", "64"));
    var duration = Duration.ofMillis((long) (Double.parseDouble(one(o, "seconds", "10")) * 1000));
    List<Integer> pids = o.getOrDefault("pid", List.of()).stream().map(Integer::parseInt).toList();
    ResourceMeter meter =
        pids.isEmpty()
            ? null
            : new ResourceMeter(ProcFs.system(), pids, ResourceMeter.clockTicksPerSecond());
    var self = ResourceMeter.self(ProcFs.system(), ResourceMeter.clockTicksPerSecond());
    if (meter != null) {
      meter.start();
    }
    self.start();
    String rate = one(o, "rate", "");
    LoadResult result =
        rate.isEmpty()
            ? generator.saturation(connections, duration)
            : generator.fixedRate(
                connections, Double.parseDouble(rate), duration, Duration.ofSeconds(10));
    var own = self.stop();
    Map<String, Object> out = new java.util.LinkedHashMap<>(Json.fields(result));
    out.put("generatorCpuMicrosPerRequest", perRequest(own.cpuSeconds(), result));
    if (meter != null) {
      var server = meter.stop();
      out.put("serverCpuMicrosPerRequest", perRequest(server.cpuSeconds(), result));
      out.put("serverPeakRssMiB", server.peakRssKib() / 1024.0);
    }
    System.out.println(Json.write(out));
  }

  private static double perRequest(double cpuSeconds, LoadResult result) {
    return result.completed() == 0 ? 0 : cpuSeconds * 1e6 / result.completed();
  }

  private static String one(Map<String, List<String>> o, String key, @Nullable String fallback) {
    List<String> values = o.get(key);
    if (values == null || values.isEmpty()) {
      if (fallback == null) {
        throw new IllegalArgumentException("--" + key + " is required\n" + USAGE);
      }
      return fallback;
    }
    return values.getLast();
  }

  /** {@code --key value} pairs (repeatable) and bare {@code --flag}s, after the command word. */
  static Map<String, List<String>> options(String[] args) {
    Map<String, List<String>> o = new HashMap<>();
    for (int i = 1; i < args.length; i++) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument: " + args[i] + "\n" + USAGE);
      }
      String key = args[i].substring(2);
      boolean hasValue = i + 1 < args.length && !args[i + 1].startsWith("--");
      o.computeIfAbsent(key, k -> new ArrayList<>()).add(hasValue ? args[++i] : "true");
    }
    return o;
  }
}
