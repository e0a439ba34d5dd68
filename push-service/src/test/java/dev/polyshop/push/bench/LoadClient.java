package dev.polyshop.push.bench;

import dev.polyshop.push.testing.ServiceTokens;
import dev.polyshop.push.v1.PublishRequest;
import dev.polyshop.push.v1.PushServiceGrpc;
import dev.polyshop.push.v1.SubscribeRequest;
import dev.polyshop.push.v1.SubscribeResponse;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Load client for the scale target (not run by the build): opens many idle Subscribe streams over a
 * fixed number of HTTP/2 connections, then publishes at a steady rate and reports delivery latency
 * percentiles. Loopback only.
 *
 * <pre>
 * java -cp "target/test-classes:$(cat target/cp.txt)" dev.polyshop.push.bench.LoadClient \
 *     127.0.0.1:9092 100000 100 100 20 30
 *   args: target subscribers connections topics publishesPerSecond seconds [holdSeconds]
 * </pre>
 *
 * <p>Publishes go to the internal port (the target's port + 1) with a service token signed with
 * {@code PUSH_PUBLISHER_JWT_SECRET}, which the server must run with too.
 */
public final class LoadClient {

  private LoadClient() {}

  public static void main(String[] args) throws Exception {
    String target = arg(args, 0, "127.0.0.1:9092");
    int subscribers = Integer.parseInt(arg(args, 1, "100000"));
    int connections = Integer.parseInt(arg(args, 2, "100"));
    int topics = Integer.parseInt(arg(args, 3, "100"));
    int rate = Integer.parseInt(arg(args, 4, "20"));
    int seconds = Integer.parseInt(arg(args, 5, "30"));
    int holdSeconds = Integer.parseInt(arg(args, 6, "0"));
    if (!target.startsWith("127.") && !target.startsWith("localhost")) {
      throw new IllegalArgumentException("loopback targets only: " + target);
    }

    List<ManagedChannel> channels = new ArrayList<>();
    for (int c = 0; c < connections; c++) {
      channels.add(
          Grpc.newChannelBuilder(target, InsecureChannelCredentials.create())
              .directExecutor()
              .build());
    }
    int maxSamples = 20_000_000;
    AtomicLongArray latenciesMicros = new AtomicLongArray(maxSamples);
    AtomicInteger samples = new AtomicInteger();
    AtomicInteger open = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    AtomicLong resets = new AtomicLong();
    long start = System.nanoTime();
    for (int s = 0; s < subscribers; s++) {
      var stub =
          PushServiceGrpc.newStub(channels.get(s % connections))
              .withDeadlineAfter(seconds + 600, TimeUnit.SECONDS);
      stub.subscribe(
          SubscribeRequest.newBuilder().addTopics("bench." + (s % topics)).build(),
          new StreamObserver<>() {
            @Override
            public void onNext(SubscribeResponse value) {
              if (value.hasReset()) {
                resets.incrementAndGet();
              } else if (value.hasEvent()) {
                long sentMicros =
                    Long.parseLong(value.getEvent().getDataJson().replaceAll("\\D", ""));
                int i = samples.getAndIncrement();
                if (i < maxSamples) {
                  latenciesMicros.set(i, nowMicros() - sentMicros);
                }
              }
            }

            @Override
            public void onError(Throwable t) {
              failed.incrementAndGet();
            }

            @Override
            public void onCompleted() {}
          });
      open.incrementAndGet();
      if (s % 10_000 == 9_999) {
        System.out.printf("opened %d streams (%d failed)%n", s + 1, failed.get());
      }
    }
    Thread.sleep(5_000); // let the server register every stream
    System.out.printf(
        "%d streams over %d connections in %d ms, %d failed%n",
        open.get(),
        connections,
        Duration.ofNanos(System.nanoTime() - start).toMillis(),
        failed.get());

    int colon = target.lastIndexOf(':');
    String internal =
        target.substring(0, colon + 1) + (Integer.parseInt(target.substring(colon + 1)) + 1);
    ManagedChannel publishing =
        Grpc.newChannelBuilder(internal, InsecureChannelCredentials.create()).build();
    channels.add(publishing);
    var publisher =
        ServiceTokens.bearer(
            PushServiceGrpc.newBlockingStub(publishing),
            ServiceTokens.mint(
                System.getenv("PUSH_PUBLISHER_JWT_SECRET"), "push:publish", Duration.ofHours(1)));
    long published = 0;
    long interval = TimeUnit.SECONDS.toNanos(1) / rate;
    long next = System.nanoTime();
    for (long end = next + TimeUnit.SECONDS.toNanos(seconds); System.nanoTime() < end; ) {
      publisher
          .withDeadlineAfter(5, TimeUnit.SECONDS)
          .publish(
              PublishRequest.newBuilder()
                  .setTopic("bench." + (published % topics))
                  .setType("bench")
                  .setDataJson("{\"t\":" + nowMicros() + "}")
                  .build());
      published++;
      next += interval;
      long sleep = next - System.nanoTime();
      if (sleep > 0) {
        TimeUnit.NANOSECONDS.sleep(sleep);
      }
    }
    Thread.sleep(3_000);
    long expected = published * (subscribers / topics);
    int n = Math.min(samples.get(), maxSamples);
    long[] sorted = new long[n];
    for (int i = 0; i < n; i++) {
      sorted[i] = latenciesMicros.get(i);
    }
    Arrays.sort(sorted);
    System.out.printf(
        "published %d, delivered %d of %d expected, resets %d, failed streams %d%n",
        published, samples.get(), expected, resets.get(), failed.get());
    if (n > 0) {
      System.out.printf(
          "delivery latency ms: p50 %.2f  p99 %.2f  p99.9 %.2f  max %.2f%n",
          sorted[n / 2] / 1e3,
          sorted[(int) (n * 0.99)] / 1e3,
          sorted[(int) (n * 0.999)] / 1e3,
          sorted[n - 1] / 1e3);
    }
    System.out.printf("holding %d streams open for %d s%n", open.get() - failed.get(), holdSeconds);
    Thread.sleep(holdSeconds * 1_000L);
    channels.forEach(ManagedChannel::shutdownNow);
  }

  private static long nowMicros() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
  }

  private static String arg(String[] args, int index, String fallback) {
    return args.length > index ? args[index] : fallback;
  }
}
