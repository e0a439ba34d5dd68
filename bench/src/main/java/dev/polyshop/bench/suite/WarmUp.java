package dev.polyshop.bench.suite;

import dev.polyshop.bench.load.LoadResult;

/**
 * When a server is warm: its throughput has stopped changing between saturation windows and its JIT
 * compiler has gone quiet.
 */
final class WarmUp {

  /** Fewer answers than this in a warm-up window say nothing about a trend in throughput. */
  static final int TOO_FEW_TO_TREND = 20;

  /** Most of a warm-up window's server CPU that its JIT compiler threads may take when steady. */
  static final double JIT_QUIET = 0.05;

  /** CPU ticks of the measured process trees: all threads, and the JIT compiler threads alone. */
  record CpuSample(long total, long compiler) {}

  private WarmUp() {}

  /** The share of the server's CPU between two samples that went to JIT compilation. */
  static double compilerShare(CpuSample before, CpuSample after) {
    long total = after.total() - before.total();
    return total <= 0 ? 0 : (double) (after.compiler() - before.compiler()) / total;
  }

  /**
   * Whether a warm-up window ends the warm-up: its throughput agrees with the previous window's, or
   * it has too few answers to show a trend at all (fib(35) in CPython takes seconds each); and the
   * JIT is quiet — a JVM whose compiler threads still take the cycles the requests would get on one
   * core is not warm, however flat two windows look.
   */
  static boolean warm(double previousRate, LoadResult window, double compiling, double within) {
    boolean flat =
        steady(previousRate, window.achievedRate(), within)
            || window.completed() < TOO_FEW_TO_TREND;
    return flat && compiling <= JIT_QUIET;
  }

  /** Two successive warm-up windows agree: the second is within {@code within} of the first. */
  static boolean steady(double previous, double current, double within) {
    return previous > 0 && Math.abs(current - previous) <= within * previous;
  }
}
