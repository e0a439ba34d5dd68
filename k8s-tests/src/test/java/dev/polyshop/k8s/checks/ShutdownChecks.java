package dev.polyshop.k8s.checks;

import dev.polyshop.k8s.Manifests;
import dev.polyshop.k8s.Workload;
import dev.polyshop.kit.EnvConfig;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.LifecycleHandler;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A pod stops without dropping work: it leaves the endpoints, drains, then exits within its grace.
 */
public final class ShutdownChecks {

  /** Time left after preStop and the service's own drain, for the JVM to exit. */
  public static final Duration SHUTDOWN_MARGIN = Duration.ofSeconds(5);

  /**
   * How long each service drains on SIGTERM, by the configuration key that sets it (see the
   * services' READMEs): the grace period must cover it.
   */
  public static final Map<String, Function<String, Duration>> DRAIN_KEYS =
      Map.of(
          "SPRING_LIFECYCLE_TIMEOUT_PER_SHUTDOWN_PHASE", EnvConfig::parseDuration,
          "SEARCH_SHUTDOWN_GRACE", EnvConfig::parseDuration,
          "PUSH_SHUTDOWN_GRACE", EnvConfig::parseDuration);

  private static final Pattern LAST_NUMBER = Pattern.compile("(\\d+)\\D*$");

  private ShutdownChecks() {}

  public static Check gracefulShutdown() {
    return new Check("graceful-shutdown", ShutdownChecks::gracefulShutdown);
  }

  /**
   * Every container pauses in preStop before SIGTERM, and the grace period covers that pause, the
   * service's drain time (from its configuration) and a margin.
   */
  public static void gracefulShutdown(Manifests m, Check.Report report) {
    for (Workload w : m.workloads()) {
      long grace =
          w.pod().getTerminationGracePeriodSeconds() == null
              ? 30
              : w.pod().getTerminationGracePeriodSeconds();
      for (Container c : w.pod().getContainers()) {
        LifecycleHandler preStop = c.getLifecycle() == null ? null : c.getLifecycle().getPreStop();
        if (preStop == null) {
          report.violation(w.ref(), "container " + c.getName() + " has no preStop hook");
          continue;
        }
        Duration needed =
            preStopDuration(preStop).plus(drain(m.environment(c))).plus(SHUTDOWN_MARGIN);
        if (Duration.ofSeconds(grace).compareTo(needed) < 0) {
          report.violation(
              w.ref(),
              "terminationGracePeriodSeconds "
                  + grace
                  + " < preStop + drain + margin = "
                  + needed.toSeconds());
        }
      }
    }
  }

  private static Duration preStopDuration(LifecycleHandler preStop) {
    if (preStop.getSleep() != null) {
      return Duration.ofSeconds(preStop.getSleep().getSeconds());
    }
    if (preStop.getExec() != null && !preStop.getExec().getCommand().isEmpty()) {
      Matcher number = LAST_NUMBER.matcher(String.join(" ", preStop.getExec().getCommand()));
      return number.find() ? Duration.ofSeconds(Long.parseLong(number.group(1))) : Duration.ZERO;
    }
    return Duration.ZERO;
  }

  private static Duration drain(Map<String, String> environment) {
    return DRAIN_KEYS.entrySet().stream()
        .filter(e -> environment.containsKey(e.getKey()))
        .map(e -> e.getValue().apply(environment.get(e.getKey()).strip()))
        .max(Duration::compareTo)
        .orElse(Duration.ZERO);
  }
}
