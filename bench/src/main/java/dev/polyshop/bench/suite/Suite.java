package dev.polyshop.bench.suite;

import dev.polyshop.bench.load.Load;
import dev.polyshop.bench.load.LoadGenerator;
import dev.polyshop.bench.load.LoadResult;
import dev.polyshop.bench.proc.ProcFs;
import dev.polyshop.bench.proc.ResourceMeter;
import dev.polyshop.bench.push.FanOut;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Runs every implementation on every scenario it serves: per repetition Gin first (its saturation
 * sets the fixed rate), then the others in an order that rotates between repetitions; each server
 * is started fresh, warmed up until steady, measured at saturation and then at half of Gin's
 * saturation, and stopped.
 */
public final class Suite {

  /** Where things run: the cores for the servers and for Redis and the upstream stub. */
  public record Placement(String serverCpus, String supportCpus) {}

  private final SuiteConfig config;
  private final List<Peer> peers;
  private final List<Scenario> scenarios;
  private final Path bench;
  private final Path logDir;
  private final Placement placement;
  private final Consumer<String> progress;
  private @Nullable Architecture architecture;
  private final double ticks = ResourceMeter.clockTicksPerSecond();
  private final ProcFs proc = ProcFs.system();

  public Suite(
      SuiteConfig config,
      List<Peer> peers,
      Path bench,
      Path logDir,
      Placement placement,
      Consumer<String> progress) {
    this.config = config;
    this.peers = peers;
    this.scenarios = Scenario.article(config.fibN());
    this.bench = bench;
    this.logDir = logDir;
    this.placement = placement;
    this.progress = progress;
  }

  public List<Scenario> scenarios() {
    return scenarios;
  }

  /**
   * Also runs Polyshop's own services after the peers in each repetition; false if their jars are
   * not built.
   */
  public boolean withArchitecture(Path root, String java) {
    var candidate = new Architecture(root, java, placement.serverCpus(), logDir);
    if (candidate.available()) {
      architecture = candidate;
    }
    return architecture != null;
  }

  /** How Polyshop's services started and warmed up (empty without the architecture scenarios). */
  public List<Startup> startups() {
    return architecture == null ? List.of() : architecture.startups();
  }

  /** Push fan-out runs (empty without the architecture scenarios). */
  public List<FanOut> fanOuts() {
    return architecture == null ? List.of() : architecture.fanOuts();
  }

  SuiteConfig config() {
    return config;
  }

  /** Prints a progress line. */
  void progress(String line) {
    progress.accept(line);
  }

  /** Runs everything; a peer that fails to start or answer is recorded in {@code failures}. */
  public List<Measurement> run(Map<String, String> failures)
      throws IOException, InterruptedException {
    List<Measurement> all = new ArrayList<>();
    try (Support support = Support.start(bench, placement.supportCpus(), logDir)) {
      for (int rep = 1; rep <= config.repetitions(); rep++) {
        Map<String, Double> ginSaturation = new HashMap<>();
        for (Peer peer : order(rep)) {
          try {
            all.addAll(measure(rep, peer, support, ginSaturation));
          } catch (IOException e) {
            progress.accept("FAILED " + peer.name() + ": " + e.getMessage());
            failures.put(peer.name(), e.getMessage());
          }
        }
        if (architecture != null) {
          try {
            all.addAll(architecture.run(this, rep, ginSaturation));
          } catch (IOException e) {
            progress.accept("FAILED architecture scenarios: " + e.getMessage());
            failures.put("architecture", e.getMessage());
          }
        }
      }
    }
    return all;
  }

  private List<Peer> order(int rep) {
    List<Peer> gin = peers.stream().filter(p -> p.name().equals(Peers.GIN)).toList();
    List<Peer> rest =
        new ArrayList<>(peers.stream().filter(p -> !p.name().equals(Peers.GIN)).toList());
    if (!rest.isEmpty()) {
      java.util.Collections.rotate(rest, -(rep - 1));
    }
    List<Peer> order = new ArrayList<>(gin);
    order.addAll(rest);
    return order;
  }

  private List<Measurement> measure(int rep, Peer peer, Support support, Map<String, Double> gin)
      throws IOException, InterruptedException {
    Map<String, String> env = new HashMap<>(peer.env());
    env.putAll(support.env());
    List<Measurement> results = new ArrayList<>();
    try (Server server =
        Server.start(
            peer.name(), peer.command(), env, peer.workDir(), placement.serverCpus(), logDir)) {
      server.awaitReady("/ping", Duration.ofSeconds(120));
      for (Scenario scenario : scenarios) {
        if (!peer.serves(scenario)) {
          continue;
        }
        List<Integer> measured = new ArrayList<>(List.of((int) server.pid()));
        if (scenario.includesRedis()) {
          measured.add((int) support.redisPid());
        }
        results.add(
            measureScenario(
                rep,
                peer.name(),
                server.port(),
                scenario,
                measured,
                gin,
                peer.name().equals(Peers.GIN)));
      }
    }
    return results;
  }

  /**
   * Warms up, then measures {@code scenario} at saturation and at half of the reference's
   * saturation; when {@code isReference}, this saturation becomes the reference for the scenario.
   */
  Measurement measureScenario(
      int rep,
      String peer,
      int port,
      Scenario scenario,
      List<Integer> measured,
      Map<String, Double> reference,
      boolean isReference)
      throws IOException {
    var generator = new LoadGenerator("127.0.0.1", port, scenario.path());
    return measureScenario(rep, peer, generator, scenario, measured, reference, isReference);
  }

  /** {@link #measureScenario(int, String, int, Scenario, List, Map, boolean)} with any load. */
  Measurement measureScenario(
      int rep,
      String peer,
      Load generator,
      Scenario scenario,
      List<Integer> measured,
      Map<String, Double> reference,
      boolean isReference)
      throws IOException {
    // Smoke asks "does it answer?": a few connections, so that a slow CI machine is not overloaded.
    int connections =
        config.smoke()
            ? Math.min(8, scenario.saturationConnections())
            : scenario.saturationConnections();
    int fixedConnections =
        config.smoke() ? Math.min(16, scenario.fixedConnections()) : scenario.fixedConnections();
    int windows = 0;
    double previous = -1;
    boolean steady = false;
    long warmupStart = System.nanoTime();
    while (windows < config.maxWindows() && !(steady && windows >= config.minWindows())) {
      WarmUp.CpuSample before = cpuSample(measured);
      LoadResult window = generator.saturation(connections, config.window());
      double compiling = WarmUp.compilerShare(before, cpuSample(measured));
      steady = WarmUp.warm(previous, window, compiling, config.steadyWithin());
      previous = window.achievedRate();
      windows++;
    }
    double warmupSeconds = (System.nanoTime() - warmupStart) / 1e9;
    Measurement.Phase saturation =
        phase(measured, () -> generator.saturation(connections, config.measure()));
    if (isReference) {
      reference.put(scenario.name(), saturation.load().achievedRate());
    }
    double rate =
        config.smoke()
            ? smokeRate(config.smokeRate(), saturation.load().achievedRate())
            : reference.getOrDefault(scenario.name(), 0.0) / 2;
    Measurement.Phase fixed =
        rate <= 0
            ? null
            : phase(
                measured,
                () ->
                    generator.fixedRate(fixedConnections, rate, config.measure(), config.drain()));
    // Smoke runs one window: steadiness is not its question.
    steady |= config.smoke();
    var m =
        new Measurement(
            rep, peer, scenario.name(), windows, warmupSeconds, steady, saturation, fixed);
    progress.accept(Summary.line(m));
    return m;
  }

  /**
   * Smoke's fixed rate: the configured one, or half of what the implementation just managed in
   * saturation (at least 5/s) when that is lower — on an overloaded machine a cold JVM behind the
   * gateway answers a few requests a second, and queueing 50/s would turn slow answers into
   * deadline errors, which is not smoke's question ("does it answer?").
   */
  static double smokeRate(double configured, double saturation) {
    return Math.min(configured, Math.max(5, saturation / 2));
  }

  private WarmUp.CpuSample cpuSample(List<Integer> roots) throws IOException {
    var tree = proc.tree(roots);
    return new WarmUp.CpuSample(proc.usage(tree).cpuTicks(), proc.compilerTicks(tree));
  }

  private interface Run {
    LoadResult run() throws IOException;
  }

  private Measurement.Phase phase(List<Integer> serverRoots, Run run) throws IOException {
    var server = new ResourceMeter(proc, serverRoots, ticks);
    var generator = ResourceMeter.self(proc, ticks);
    server.start();
    generator.start();
    LoadResult load = run.run();
    var own = generator.stop();
    var used = server.stop();
    return new Measurement.Phase(
        load,
        perRequest(used.cpuSeconds(), load),
        used.peakRssKib() / 1024.0,
        perRequest(own.cpuSeconds(), load));
  }

  private static double perRequest(double cpuSeconds, LoadResult load) {
    return load.completed() == 0 ? 0 : cpuSeconds * 1e6 / load.completed();
  }
}
