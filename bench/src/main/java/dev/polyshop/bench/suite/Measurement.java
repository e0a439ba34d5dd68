package dev.polyshop.bench.suite;

import dev.polyshop.bench.load.LoadResult;
import org.jspecify.annotations.Nullable;

/**
 * One implementation on one scenario in one repetition.
 *
 * @param warmupWindows saturation windows run before measuring
 * @param warmupSeconds how long those windows took: on a freshly started server, the time from
 *     ready to steady-state throughput
 * @param steady whether the last two windows agreed within the configured tolerance
 */
public record Measurement(
    int repetition,
    String peer,
    String scenario,
    int warmupWindows,
    double warmupSeconds,
    boolean steady,
    Phase saturation,
    @Nullable Phase fixedRate) {

  /**
   * A measured run and what the server's process tree (with Redis in the I/O scenario) used.
   *
   * @param serverCpuMicrosPerRequest server CPU time per completed request
   * @param generatorCpuMicrosPerRequest the load generator's own CPU time per completed request
   */
  public record Phase(
      LoadResult load,
      double serverCpuMicrosPerRequest,
      double serverPeakRssMiB,
      double generatorCpuMicrosPerRequest) {}
}
