package dev.polyshop.bench.suite;

import dev.polyshop.bench.proc.ProcFs;
import dev.polyshop.bench.proc.ResourceMeter;
import dev.polyshop.bench.push.GrpcSubscribers;
import dev.polyshop.bench.push.SseSubscribers;
import dev.polyshop.bench.push.Subscribers;
import io.grpc.ManagedChannel;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The suite's fan-out against a running push-service, for profiling it: {@code subscribers} streams
 * of {@link PushRows#TOPIC} over the suite's gRPC channels (or, with a gateway port, as the suite's
 * SSE subscribers through that gateway), then events published one at a time, each after every
 * subscriber has the previous one: {@code warmUpEvents} untimed, then {@code events} timed. Prints
 * each event's fan-out time and the CPU the serving processes ({@code serverPids}) and this
 * generator spent on it, then the latency percentiles of the timed events.
 */
public final class PushLoad {

  private PushLoad() {}

  public static void run(
      int port,
      int internalPort,
      String secret,
      int subscribers,
      int warmUpEvents,
      int events,
      int gatewayPort,
      List<Integer> serverPids)
      throws Exception {
    ProcFs proc = ProcFs.system();
    double ticksPerSecond = ResourceMeter.clockTicksPerSecond();
    int maxEvents = warmUpEvents + events;
    List<ManagedChannel> channels =
        gatewayPort > 0 ? List.of() : PushRows.subscriberChannels(port, subscribers);
    ManagedChannel publishChannel = PushRows.publishChannel(internalPort);
    var publisher = PushRows.publisher(publishChannel, secret);
    try (Subscribers subs =
        gatewayPort > 0
            ? new SseSubscribers(
                "127.0.0.1",
                gatewayPort,
                "/api/events?topics=" + PushRows.TOPIC,
                "Bearer " + Tokens.gateway(PushRows.OWNER),
                subscribers,
                maxEvents)
            : new GrpcSubscribers(channels, PushRows.TOPIC, subscribers, maxEvents)) {
      subs.open();
      subs.awaitSubscribed(PushRows.FIRST_MESSAGE_TIMEOUT);
      System.out.printf(
          "subscribed %,d of %,d (%,d failed)%n", subs.subscribed(), subscribers, subs.errors());
      for (int i = 0; i < maxEvents; i++) {
        long start = System.nanoTime();
        long serverTicks = serverTicks(proc, serverPids);
        long ownCpu = ownCpuNanos();
        if (i >= warmUpEvents) {
          subs.publishing(i);
        }
        PushRows.publish(publisher, i);
        int got = subs.awaitReceipts(i, subs.subscribed(), Duration.ofSeconds(30));
        System.out.printf(
            "%sevent %d: %,d receipts in %,d ms; CPU: servers %,d ms, this generator %,d ms%n",
            i < warmUpEvents ? "warm-up " : "",
            i,
            got,
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start),
            Math.round((serverTicks(proc, serverPids) - serverTicks) * 1000 / ticksPerSecond),
            TimeUnit.NANOSECONDS.toMillis(ownCpuNanos() - ownCpu));
      }
      var h = subs.fanOut();
      System.out.printf(
          "fan-out µs: p50 %,d p99 %,d p99.9 %,d max %,d (%,d receipts)%n",
          h.getValueAtPercentile(50),
          h.getValueAtPercentile(99),
          h.getValueAtPercentile(99.9),
          h.getMaxValue(),
          h.getTotalCount());
    } finally {
      publishChannel.shutdownNow();
      channels.forEach(ManagedChannel::shutdownNow);
    }
  }

  private static long serverTicks(ProcFs proc, List<Integer> pids) {
    return pids.isEmpty() ? 0 : proc.usage(pids).cpuTicks();
  }

  private static long ownCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }
}
