package dev.polyshop.k8s.drift;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SequencedMap;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;

/**
 * One overlay's pods as containers on one Docker network, the Services' names as network aliases.
 * Each pod starts once the pods its environment names (as a URL's host) are ready: the database,
 * then product-service, then the services that read its feed, in parallel where they can.
 */
public final class DockerPods implements AutoCloseable {

  private final String overlay;
  private final Network network = Network.newNetwork();
  private final SequencedMap<String, DockerPod> pods = new LinkedHashMap<>();
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final List<GenericContainer<?>> outside = new ArrayList<>();

  public DockerPods(String overlay) {
    this.overlay = overlay;
  }

  public Network network() {
    return network;
  }

  /** Starts something outside the cluster on the network (stopped after the pods that use it). */
  public void startOutside(GenericContainer<?> container) {
    outside.add(container);
    container.start();
  }

  /**
   * Starts every pod after its dependencies and runs its probes: startup, then liveness once, then
   * readiness until ready; finally liveness and readiness once more for all, and every declared
   * port must accept connections. Returns the failures, each with the pod's logs; empty if none.
   */
  public List<String> startAndProbe(List<PodPlan> plans) {
    Map<String, CompletableFuture<Void>> ready = new LinkedHashMap<>();
    for (PodPlan plan : inDependencyOrder(plans)) {
      CompletableFuture<?>[] dependencies =
          dependencies(plan, plans).stream().map(ready::get).toArray(CompletableFuture[]::new);
      ready.put(
          plan.name(),
          CompletableFuture.allOf(dependencies).thenRunAsync(() -> start(plan), executor));
    }
    List<String> failures = new ArrayList<>();
    ready.forEach(
        (name, future) -> {
          try {
            future.join();
          } catch (CompletionException e) {
            if (e.getCause() instanceof PodFailure failure && failure.pod.equals(name)) {
              failures.add(failure.getMessage());
            } else if (!(e.getCause() instanceof PodFailure)) {
              failures.add(name + ": " + e.getCause());
            }
          }
        });
    if (failures.isEmpty()) {
      pods.values().forEach(pod -> finalCheck(pod).ifPresent(failures::add));
    }
    return failures;
  }

  private void start(PodPlan plan) {
    long started = System.nanoTime();
    DockerPod pod = new DockerPod(plan, network, executor);
    synchronized (pods) {
      pods.put(plan.name(), pod);
    }
    try {
      pod.container().start();
    } catch (RuntimeException e) {
      throw new PodFailure(pod, "the container did not start: " + e.getMessage());
    }
    try {
      fail(pod, ProbeSchedule.awaitStarted(plan, pod, pod::running));
      fail(pod, ProbeSchedule.once("livenessProbe", plan.liveness(), pod));
      fail(pod, ProbeSchedule.awaitReady(plan, pod, pod::running));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PodFailure(pod, "interrupted");
    }
    System.out.printf(
        "[drift] %s: %s ready after %d s (probed via %s)%n",
        overlay,
        plan.workload().ref(),
        Duration.ofNanos(System.nanoTime() - started).toSeconds(),
        pod.probedVia());
  }

  private static Optional<String> finalCheck(DockerPod pod) {
    List<String> failures = new ArrayList<>();
    ProbeSchedule.once("livenessProbe", pod.plan().liveness(), pod).ifPresent(failures::add);
    ProbeSchedule.once("readinessProbe", pod.plan().readiness(), pod).ifPresent(failures::add);
    pod.unopenedPorts()
        .forEach(p -> failures.add("declared container port " + p + " accepts no connection"));
    return failures.isEmpty()
        ? Optional.empty()
        : Optional.of(new PodFailure(pod, String.join("; ", failures)).getMessage());
  }

  private static void fail(DockerPod pod, Optional<String> failure) {
    failure.ifPresent(
        f -> {
          throw new PodFailure(pod, f);
        });
  }

  /** The other plans whose Service names appear as the host of a URL in this plan's environment. */
  public static Set<String> dependencies(PodPlan plan, List<PodPlan> plans) {
    Set<String> names = new HashSet<>();
    for (PodPlan other : plans) {
      if (other == plan) {
        continue;
      }
      for (String alias : other.aliases()) {
        Pattern host = Pattern.compile("(^|//|@)" + Pattern.quote(alias) + "(?=[:/?]|$)");
        if (plan.env().values().stream().anyMatch(v -> host.matcher(v).find())) {
          names.add(other.name());
        }
      }
    }
    return names;
  }

  /** Plans ordered so that each comes after its dependencies; a cycle fails. */
  public static List<PodPlan> inDependencyOrder(List<PodPlan> plans) {
    List<PodPlan> ordered = new ArrayList<>();
    while (ordered.size() < plans.size()) {
      List<PodPlan> next =
          plans.stream()
              .filter(p -> !ordered.contains(p))
              .filter(
                  p ->
                      ordered.stream()
                          .map(PodPlan::name)
                          .toList()
                          .containsAll(dependencies(p, plans)))
              .toList();
      if (next.isEmpty()) {
        throw new IllegalStateException(
            "the pods' environments name each other in a cycle: "
                + plans.stream().filter(p -> !ordered.contains(p)).map(PodPlan::name).toList());
      }
      ordered.addAll(next);
    }
    return ordered;
  }

  /**
   * Stops every pod (in reverse start order) and keeps its whole log in {@code
   * target/drift-logs/<overlay>/<workload>.log}.
   */
  @Override
  public void close() {
    Path logs = Path.of("target", "drift-logs", overlay.replaceAll("[^a-z0-9-]+", "-"));
    // Dependents first, as their logs should show no error from a database that went away.
    for (DockerPod pod : List.copyOf(pods.sequencedValues().reversed())) {
      pod.stop();
      try {
        Files.createDirectories(logs);
        Files.writeString(logs.resolve(pod.plan().name() + ".log"), pod.logTail(Integer.MAX_VALUE));
      } catch (IOException e) {
        System.err.printf("[drift] cannot keep the log of %s: %s%n", pod.plan().name(), e);
      }
    }
    outside.reversed().forEach(GenericContainer::stop);
    executor.shutdownNow();
    network.close();
  }

  /** A pod that failed: what failed, with its container's last log lines. */
  public static final class PodFailure extends RuntimeException {
    final String pod;

    PodFailure(DockerPod pod, String detail) {
      super(
          pod.plan().workload().ref()
              + ": "
              + detail
              + "\n--- container logs (last lines) ---\n"
              + pod.logTail(60));
      this.pod = pod.plan().name();
    }
  }
}
