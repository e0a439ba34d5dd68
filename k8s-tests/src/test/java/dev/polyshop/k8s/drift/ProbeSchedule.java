package dev.polyshop.k8s.drift;

import io.fabric8.kubernetes.api.model.Probe;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * When the kubelet runs which probe: the startup probe gates the others, liveness must pass once
 * the container has started, readiness must pass (successThreshold times in a row) once its
 * dependencies are up. Every method returns why the pod failed, or empty.
 */
public final class ProbeSchedule {

  /**
   * Readiness has no deadline in Kubernetes (a Deployment only reports no progress after 10
   * minutes); the drift test gives each pod this long after start-up to become ready.
   */
  public static final Duration READY_WITHIN = Duration.ofMinutes(2);

  private ProbeSchedule() {}

  /**
   * The startup probe (or, without one, liveness, which the kubelet would restart on) every
   * periodSeconds from initialDelaySeconds, until it passes or has failed failureThreshold times.
   */
  public static Optional<String> awaitStarted(
      PodPlan plan, Kubelet.Pod pod, BooleanSupplier running) throws InterruptedException {
    String kind = plan.startup() != null ? "startupProbe" : "livenessProbe";
    Probe probe = plan.startup() != null ? plan.startup() : plan.liveness();
    if (probe == null) {
      return Optional.empty();
    }
    Thread.sleep(Duration.ofSeconds(value(probe.getInitialDelaySeconds(), 0)));
    int attempts = value(probe.getFailureThreshold(), 3);
    Optional<String> failure = Optional.empty();
    for (int attempt = 1; attempt <= attempts; attempt++) {
      long started = System.nanoTime();
      if (!running.getAsBoolean()) {
        return Optional.of(kind + ": the container exited before its probe passed");
      }
      failure = Kubelet.probe(probe, pod);
      if (failure.isEmpty()) {
        return Optional.empty();
      }
      sleepRestOfPeriod(probe, started);
    }
    return Optional.of(
        kind
            + " ("
            + Kubelet.describe(probe)
            + ") failed "
            + attempts
            + " times in a row, last: "
            + failure.orElseThrow());
  }

  /**
   * Readiness every periodSeconds until successThreshold passes in a row, within {@link
   * #READY_WITHIN}.
   */
  public static Optional<String> awaitReady(PodPlan plan, Kubelet.Pod pod, BooleanSupplier running)
      throws InterruptedException {
    Probe probe = plan.readiness();
    if (probe == null) {
      return Optional.empty();
    }
    long deadline = System.nanoTime() + READY_WITHIN.toNanos();
    int needed = value(probe.getSuccessThreshold(), 1);
    int passed = 0;
    Optional<String> failure = Optional.empty();
    while (System.nanoTime() < deadline) {
      long started = System.nanoTime();
      if (!running.getAsBoolean()) {
        return Optional.of("readinessProbe: the container exited");
      }
      failure = Kubelet.probe(probe, pod);
      passed = failure.isEmpty() ? passed + 1 : 0;
      if (passed >= needed) {
        return Optional.empty();
      }
      sleepRestOfPeriod(probe, started);
    }
    return Optional.of(
        "readinessProbe ("
            + Kubelet.describe(probe)
            + ") did not pass within "
            + READY_WITHIN.toSeconds()
            + " s, last: "
            + failure.orElse("passed " + passed + " of " + needed + " times in a row"));
  }

  /** One probe, once, now: for liveness after start-up and for the final check of a ready pod. */
  public static Optional<String> once(String kind, Probe probe, Kubelet.Pod pod) {
    return probe == null
        ? Optional.empty()
        : Kubelet.probe(probe, pod).map(f -> kind + " (" + Kubelet.describe(probe) + "): " + f);
  }

  private static void sleepRestOfPeriod(Probe probe, long startedNanos)
      throws InterruptedException {
    Duration period = Duration.ofSeconds(value(probe.getPeriodSeconds(), 10));
    Duration spent = Duration.ofNanos(System.nanoTime() - startedNanos);
    if (spent.compareTo(period) < 0) {
      Thread.sleep(period.minus(spent));
    }
  }

  private static int value(Integer value, int kubernetesDefault) {
    return Objects.requireNonNullElse(value, kubernetesDefault);
  }
}
