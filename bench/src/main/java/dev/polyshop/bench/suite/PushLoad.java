package dev.polyshop.bench.suite;

import dev.polyshop.bench.proc.ProcFs;
import dev.polyshop.bench.proc.ResourceMeter;
import dev.polyshop.bench.push.GrpcSubscribers;
import dev.polyshop.push.v1.PublishRequest;
import dev.polyshop.push.v1.PushServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The suite's gRPC fan-out against a running push-service, for profiling it: {@code subscribers}
 * streams of {@link PushRows#TOPIC}, 1,000 per connection, then {@code events} events published one
 * at a time, each after every subscriber has the previous one; prints each event's fan-out and the
 * latency percentiles over all of them.
 */
public final class PushLoad {

  private PushLoad() {}

  private static long serverTicks(ProcFs proc, int pid) {
    return pid <= 0 ? 0 : proc.usage(List.of(pid)).cpuTicks();
  }

  private static long ownCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  public static void run(
      int port,
      int internalPort,
      String secret,
      int subscribers,
      int warmUpEvents,
      int events,
      int serverPid)
      throws Exception {
    ProcFs proc = ProcFs.system();
    double ticksPerSecond = ResourceMeter.clockTicksPerSecond();
    List<ManagedChannel> channels = new ArrayList<>();
    for (int i = 0; i < Math.max(1, subscribers / 1_000); i++) {
      channels.add(
          NettyChannelBuilder.forAddress("127.0.0.1", port)
              .usePlaintext()
              .directExecutor()
              .build());
    }
    Metadata auth = new Metadata();
    auth.put(
        Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER),
        "Bearer " + Tokens.publisher(secret));
    ManagedChannel publishChannel =
        NettyChannelBuilder.forAddress("127.0.0.1", internalPort).usePlaintext().build();
    var publisher =
        PushServiceGrpc.newBlockingStub(publishChannel)
            .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(auth));
    try (var subs =
        new GrpcSubscribers(channels, PushRows.TOPIC, subscribers, warmUpEvents + events)) {
      subs.open();
      subs.awaitSubscribed(PushRows.FIRST_MESSAGE_TIMEOUT);
      System.out.printf("subscribed %,d of %,d%n", subs.subscribed(), subscribers);
      for (int i = 0; i < warmUpEvents + events; i++) {
        long start = System.nanoTime();
        long serverTicks = serverTicks(proc, serverPid);
        long ownCpu = ownCpuNanos();
        if (i >= warmUpEvents) {
          subs.publishing(i);
        }
        publisher
            .withDeadlineAfter(5, TimeUnit.SECONDS)
            .publish(
                PublishRequest.newBuilder()
                    .setTopic(PushRows.TOPIC)
                    .setType(PushRows.TOPIC)
                    .setDataJson("{\"seq\":" + i + "}")
                    .build());
        int got = subs.awaitReceipts(i, subs.subscribed(), Duration.ofSeconds(30));
        System.out.printf(
            (i < warmUpEvents ? "warm-up " : "")
                + "event %d: %,d receipts in %,d ms; CPU: push-service %,d ms, this generator %,d ms%n",
            i,
            got,
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start),
            Math.round((serverTicks(proc, serverPid) - serverTicks) * 1000 / ticksPerSecond),
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
}
