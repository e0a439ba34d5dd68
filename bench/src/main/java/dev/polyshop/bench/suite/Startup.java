package dev.polyshop.bench.suite;

/**
 * How one Polyshop service came up in one repetition.
 *
 * @param readySeconds from starting the process to its readiness check passing (for search-service:
 *     serving, with the whole catalog indexed)
 * @param warmupSeconds from ready to steady-state throughput (successive saturation windows within
 *     the tolerance); NaN when the service has no request/response scenario (push-service)
 * @param note what the start included beyond the service itself (e.g. a first database seeding)
 */
public record Startup(
    int repetition,
    String service,
    double readySeconds,
    double warmupSeconds,
    int warmupWindows,
    boolean steady,
    String note) {

  /** A start whose warm-up is the first measurement run against it. */
  static Startup of(
      int rep, String service, java.time.Duration ready, Measurement first, String note) {
    return new Startup(
        rep,
        service,
        ready.toNanos() / 1e9,
        first.warmupSeconds(),
        first.warmupWindows(),
        first.steady(),
        note);
  }

  /** A start with no request/response warm-up to measure. */
  static Startup readyOnly(int rep, String service, java.time.Duration ready, String note) {
    return new Startup(rep, service, ready.toNanos() / 1e9, Double.NaN, 0, false, note);
  }
}
