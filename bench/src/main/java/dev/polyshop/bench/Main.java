package dev.polyshop.bench;

import dev.polyshop.bench.grpc.EmptyServer;
import dev.polyshop.bench.load.GrpcUnaryLoad;
import dev.polyshop.bench.load.Load;
import dev.polyshop.bench.load.LoadGenerator;
import dev.polyshop.bench.load.LoadResult;
import dev.polyshop.bench.proc.ProcFs;
import dev.polyshop.bench.proc.ResourceMeter;
import dev.polyshop.bench.search.Catalog;
import dev.polyshop.bench.search.QueryMix;
import dev.polyshop.bench.search.SearchCatalog;
import dev.polyshop.bench.search.SearchQuery;
import dev.polyshop.bench.suite.Json;
import dev.polyshop.bench.suite.PushLoad;
import dev.polyshop.bench.suite.SuiteCommand;
import dev.polyshop.search.v1.SearchServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
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
        search-load --search-port P [--gateway-port G] [--connections 64] [--seconds 10] [--pid PID ...]
             (the suite's search mix, over gRPC to search-service, or as JSON via the gateway)
        push-load --push-port P --internal-port I --secret S [--subscribers 100000] [--warm-up 3]
             [--events 10] [--gateway-port G (SSE subscribers through that gateway instead)]
             [--pid PID ... (the servers', for their CPU per event)]
             (the suite's gRPC fan-out against a running push-service)
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
      case "search-load" -> searchLoad(options);
      case "push-load" ->
          PushLoad.run(
              Integer.parseInt(one(options, "push-port", null)),
              Integer.parseInt(one(options, "internal-port", null)),
              one(options, "secret", null),
              Integer.parseInt(one(options, "subscribers", "100000")),
              Integer.parseInt(one(options, "warm-up", "3")),
              Integer.parseInt(one(options, "events", "10")),
              Integer.parseInt(one(options, "gateway-port", "0")),
              options.getOrDefault("pid", List.of()).stream().map(Integer::valueOf).toList());
      case "suite" -> System.exit(SuiteCommand.run(options));
      case "grpc-empty" -> EmptyServer.serve(Integer.parseInt(one(options, "port", null)));
      default -> {
        System.err.print(USAGE);
        System.exit(2);
      }
    }
  }

  private static void load(Map<String, List<String>> o) throws Exception {
    run(
        o,
        new LoadGenerator(
            one(o, "host", "127.0.0.1"),
            Integer.parseInt(one(o, "port", null)),
            one(o, "path", "/ping")));
  }

  /**
   * The suite's search mix (same seed and size) against a running search-service, for profiling it
   * or the gateway's JSON bridge under the load the report measures.
   */
  private static void searchLoad(Map<String, List<String>> o) throws Exception {
    ManagedChannel channel =
        NettyChannelBuilder.forAddress("127.0.0.1", Integer.parseInt(one(o, "search-port", null)))
            .usePlaintext()
            .directExecutor()
            .build();
    try {
      var catalog = new SearchCatalog(channel);
      List<SearchQuery> mix =
          catalog.withNextPages(
              QueryMix.generate(
                  Catalog.of(catalog.items()), QueryMix.SUITE_SEED, QueryMix.SUITE_SIZE));
      String gateway = one(o, "gateway-port", "");
      run(
          o,
          gateway.isEmpty()
              ? new GrpcUnaryLoad<>(
                  List.of(channel),
                  SearchServiceGrpc.getSearchMethod(),
                  mix.stream().map(SearchQuery::toRequest).toList(),
                  Duration.ofSeconds(10))
              : new LoadGenerator(
                  "127.0.0.1",
                  Integer.parseInt(gateway),
                  mix.stream().map(SearchQuery::gatewayPath).toList()));
    } finally {
      channel.shutdownNow();
    }
  }

  private static void run(Map<String, List<String>> o, Load generator) throws Exception {
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
