package dev.polyshop.k8s.drift;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyshop.k8s.Kustomize;
import dev.polyshop.k8s.Manifests;
import io.fabric8.kubernetes.api.model.ExecAction;
import io.fabric8.kubernetes.api.model.Probe;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The kubelet's timing: failureThreshold attempts for start-up, successThreshold for readiness. */
class ProbeScheduleTest {

  private final AtomicInteger calls = new AtomicInteger();

  @Test
  void startup_failingEveryAttempt_failsAfterFailureThresholdAttempts() throws Exception {
    PodPlan plan = plan(probe(1, 3, 1), null);

    Optional<String> failure =
        ProbeSchedule.awaitStarted(plan, podPassingFrom(Integer.MAX_VALUE), () -> true);

    assertThat(failure)
        .hasValueSatisfying(
            f -> assertThat(f).contains("startupProbe").contains("failed 3 times in a row"));
    assertThat(calls).hasValue(3);
  }

  @Test
  void startup_passingOnTheLastAllowedAttempt_passes() throws Exception {
    PodPlan plan = plan(probe(1, 3, 1), null);

    assertThat(ProbeSchedule.awaitStarted(plan, podPassingFrom(3), () -> true)).isEmpty();
  }

  @Test
  void startup_containerExited_failsAtOnce() throws Exception {
    PodPlan plan = plan(probe(1, 30, 1), null);

    assertThat(ProbeSchedule.awaitStarted(plan, podPassingFrom(1), () -> false))
        .hasValueSatisfying(f -> assertThat(f).contains("exited"));
    assertThat(calls).hasValue(0);
  }

  @Test
  void readiness_needsSuccessThresholdPassesInARow() throws Exception {
    PodPlan plan = plan(null, probe(1, 3, 2));

    assertThat(ProbeSchedule.awaitReady(plan, podPassingFrom(2), () -> true)).isEmpty();
    assertThat(calls).hasValue(3);
  }

  private Kubelet.Pod podPassingFrom(int attempt) {
    return new Kubelet.Pod() {
      @Override
      public InetSocketAddress address(int port) {
        throw new UnsupportedOperationException("exec probes only");
      }

      @Override
      public void connect(int port, Duration timeout) {
        throw new UnsupportedOperationException("exec probes only");
      }

      @Override
      public Optional<Integer> port(String name) {
        return Optional.empty();
      }

      @Override
      public Kubelet.Exec exec(List<String> command, Duration timeout) {
        return calls.incrementAndGet() >= attempt
            ? new Kubelet.Exec(0, "")
            : new Kubelet.Exec(1, "");
      }
    };
  }

  private static Probe probe(int periodSeconds, int failureThreshold, int successThreshold) {
    Probe probe = new Probe();
    probe.setExec(new ExecAction(List.of("check")));
    probe.setPeriodSeconds(periodSeconds);
    probe.setFailureThreshold(failureThreshold);
    probe.setSuccessThreshold(successThreshold);
    return probe;
  }

  private static PodPlan plan(Probe startup, Probe readiness) {
    Manifests dev = Kustomize.manifests("dev");
    PodPlan redis = new PodTranslation(dev, Map.of()).translate(dev.workload("redis"));
    return new PodPlan(
        redis.workload(),
        redis.image(),
        null,
        null,
        Map.of(),
        List.of(),
        List.of(),
        "10001:10001",
        List.of(),
        true,
        List.of(),
        List.of(),
        true,
        false,
        0,
        0,
        List.of(),
        startup,
        readiness,
        null);
  }
}
