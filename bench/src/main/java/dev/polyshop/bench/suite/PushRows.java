package dev.polyshop.bench.suite;

import dev.polyshop.bench.proc.JvmHeap;
import dev.polyshop.bench.proc.ProcFs;
import dev.polyshop.bench.push.FanOut;
import dev.polyshop.bench.push.GrpcSubscribers;
import dev.polyshop.bench.push.SseSubscribers;
import dev.polyshop.bench.push.Subscribers;
import dev.polyshop.push.v1.PublishRequest;
import dev.polyshop.push.v1.PushServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Push fan-out: many subscribers to one topic on one push-service replica, directly over gRPC and
 * as Server-Sent Events through the gateway; a few events published with push-service's {@code
 * Publish}; fan-out latency from publish to each receipt, and the heap and RSS each subscriber
 * costs. A subscriber still without its first message when none has progressed for the timeout
 * counts as failed.
 */
final class PushRows extends Rows implements AutoCloseable {

  static final String SERVICE = "push-service";
  static final String GRPC = "push-service (gRPC)";
  static final String SSE = "gateway→push-service (SSE)";

  /**
   * A published (non-catalog) topic, so private at the gateway: {@code <kind>.<owner>}. The SSE
   * subscribers present a token of {@link #OWNER}.
   */
  static final String TOPIC = "bench.loadgen";

  static final String OWNER = "loadgen";
  private @Nullable ManagedChannel publishChannel;

  /**
   * How long no subscriber may get its first message before the rest count as failed. 18,000 SSE
   * subscribers through a gateway sharing one core with push-service went 10 s without one while
   * the gateway was still taking in the requests (2026-12-03).
   */
  static final Duration FIRST_MESSAGE_TIMEOUT = Duration.ofSeconds(30);

  private static final Duration RECEIPT_TIMEOUT = Duration.ofSeconds(30);

  /**
   * Subscribers and events per mode: gRPC subscribers, SSE subscribers, events timed, and at most
   * how many events go before those to warm both ends up (received and awaited like the others, not
   * timed) — fewer when the fan-out time has stopped changing and the JIT has gone quiet.
   */
  record Counts(int grpc, int sse, int events, int maxWarmUpEvents) {
    static Counts of(SuiteConfig config) {
      return switch (config.mode()) {
        case "smoke" -> new Counts(200, 100, 3, 0);
        case "quick" -> new Counts(10_000, 2_500, 5, 8);
        // 18,000 SSE: what fits under this machine's open-file limit of 20,000 per process with the
        // harness's own files (the gateway's bound is 18,976 here).
        default -> new Counts(100_000, 18_000, 10, 30);
      };
    }

    int maxPublished() {
      return maxWarmUpEvents + events;
    }
  }

  private final ProcFs proc = ProcFs.system();
  private final List<ManagedChannel> channels = new ArrayList<>();

  PushRows(Suite suite, Services services, int rep) {
    super(suite, services, rep);
  }

  /** Starts push-service and waits until its gRPC health says SERVING. */
  Server start(Server products) throws IOException, InterruptedException {
    Counts counts = Counts.of(suite.config());
    Server push = services.pushService(products.port());
    try {
      channels.addAll(subscriberChannels(push.port(), counts.grpc()));
      ManagedChannel control = channels.getFirst();
      Duration ready =
          push.awaitReady(
              "gRPC health SERVING (catalog feed read to its head)",
              Duration.ofMinutes(5),
              () ->
                  HealthGrpc.newBlockingStub(control)
                          .withDeadlineAfter(1, TimeUnit.SECONDS)
                          .check(HealthCheckRequest.getDefaultInstance())
                          .getStatus()
                      == HealthCheckResponse.ServingStatus.SERVING);
      startups.add(
          Startup.readyOnly(rep, SERVICE, ready, "ready = gRPC health SERVING (feed at its head)"));
      return push;
    } catch (IOException | InterruptedException | RuntimeException e) {
      push.close();
      throw e;
    }
  }

  /** Fan-out directly over gRPC, then as SSE through {@code gateway}. */
  List<FanOut> run(Server push, Server gateway) throws IOException, InterruptedException {
    Counts counts = Counts.of(suite.config());
    publishChannel = publishChannel(push.port3());
    var publisher = publisher(publishChannel, Services.PUBLISHER_SECRET);
    List<FanOut> results = new ArrayList<>();
    results.add(
        fanOut(
            GRPC,
            new GrpcSubscribers(channels, TOPIC, counts.grpc(), counts.maxPublished()),
            counts,
            publisher,
            List.of(push)));
    results.add(
        fanOut(
            SSE,
            new SseSubscribers(
                "127.0.0.1",
                gateway.port(),
                "/api/events?topics=" + TOPIC,
                "Bearer " + Tokens.gateway(OWNER),
                counts.sse(),
                counts.maxPublished()),
            counts,
            publisher,
            List.of(push, gateway)));
    return results;
  }

  @Override
  public void close() throws InterruptedException {
    if (publishChannel != null) {
      publishChannel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    for (ManagedChannel c : channels) {
      c.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  private FanOut fanOut(
      String row,
      Subscribers subscribers,
      Counts counts,
      PushServiceGrpc.PushServiceBlockingStub publisher,
      List<Server> serving)
      throws IOException, InterruptedException {
    var heap = new JvmHeap(services.jcmd());
    long heapBefore = heap(heap, serving);
    long rssBefore = rss(serving);
    try (subscribers) {
      long start = System.nanoTime();
      subscribers.open();
      // The timeout runs from the latest first message: opening many takes a while.
      subscribers.awaitSubscribed(FIRST_MESSAGE_TIMEOUT);
      double subscribeSeconds = (System.nanoTime() - start) / 1e9;
      int subscribed = subscribers.subscribed();
      double heapPer = perSubscriber(heap(heap, serving) - heapBefore, subscribed);
      double rssPer = perSubscriber(rss(serving) - rssBefore, subscribed);
      int warmUp = warmUp(subscribers, subscribed, counts, publisher, serving);
      suite.progress(row + ": " + warmUp + " warm-up events");
      for (int i = warmUp; i < warmUp + counts.events(); i++) {
        subscribers.publishing(i);
        publish(publisher, i);
        subscribers.awaitReceipts(i, subscribed, RECEIPT_TIMEOUT);
      }
      var result =
          FanOut.of(rep, row, subscribers, subscribeSeconds, counts.events(), heapPer, rssPer);
      suite.progress(FanOutTable.line(result));
      return result;
    }
  }

  /**
   * Publishes untimed events (their receipts count, their latency does not) until the time for one
   * to reach every subscriber agrees with the previous one's and the serving JVMs' JIT compilers
   * took at most {@link WarmUp#JIT_QUIET} of their CPU meanwhile, or {@code
   * counts.maxWarmUpEvents()} went out. On one core a fresh push-service and the harness's own
   * subscribers are still compiling their send and receive paths for the first several events.
   */
  private int warmUp(
      Subscribers subscribers,
      int subscribed,
      Counts counts,
      PushServiceGrpc.PushServiceBlockingStub publisher,
      List<Server> serving)
      throws IOException, InterruptedException {
    double previous = 0;
    for (int i = 0; i < counts.maxWarmUpEvents(); i++) {
      var tree = proc.tree(Architecture.pids(serving.toArray(Server[]::new)));
      var before = new WarmUp.CpuSample(proc.usage(tree).cpuTicks(), proc.compilerTicks(tree));
      long start = System.nanoTime();
      publish(publisher, i);
      subscribers.awaitReceipts(i, subscribed, RECEIPT_TIMEOUT);
      double took = System.nanoTime() - start;
      var after = new WarmUp.CpuSample(proc.usage(tree).cpuTicks(), proc.compilerTicks(tree));
      if (WarmUp.steady(previous, took, suite.config().steadyWithin())
          && WarmUp.compilerShare(before, after) <= WarmUp.JIT_QUIET) {
        return i + 1;
      }
      previous = took;
    }
    return counts.maxWarmUpEvents();
  }

  /**
   * Channels for {@code subscribers} Subscribe streams to push-service's public port: it allows
   * 2,000 streams per connection, and 1,000 per channel leaves room.
   */
  static List<ManagedChannel> subscriberChannels(int port, int subscribers) {
    List<ManagedChannel> channels = new ArrayList<>();
    for (int i = 0; i < Math.max(1, subscribers / 1_000); i++) {
      channels.add(
          NettyChannelBuilder.forAddress("127.0.0.1", port)
              .usePlaintext()
              .directExecutor()
              .build());
    }
    return channels;
  }

  /** A channel to push-service's internal port: Publish is served only there. */
  static ManagedChannel publishChannel(int internalPort) {
    return NettyChannelBuilder.forAddress("127.0.0.1", internalPort).usePlaintext().build();
  }

  /** A Publish stub that presents a publisher's token signed with {@code secret}. */
  static PushServiceGrpc.PushServiceBlockingStub publisher(
      ManagedChannel publishChannel, String secret) {
    Metadata auth = new Metadata();
    auth.put(
        Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER),
        "Bearer " + Tokens.publisher(secret));
    return PushServiceGrpc.newBlockingStub(publishChannel)
        .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(auth));
  }

  /**
   * Publishes the {@code i}-th event to {@link #TOPIC}, with data {@code {"seq":i}}: subscribers
   * count receipts by that number ({@link dev.polyshop.bench.push.Subscribers#seq}).
   */
  static void publish(PushServiceGrpc.PushServiceBlockingStub publisher, int i) {
    publisher
        .withDeadlineAfter(5, TimeUnit.SECONDS)
        .publish(
            PublishRequest.newBuilder()
                .setTopic(TOPIC)
                .setType(TOPIC)
                .setDataJson("{\"seq\":" + i + "}")
                .build());
  }

  private static double perSubscriber(long bytes, int subscribed) {
    return subscribed == 0 ? Double.NaN : (double) bytes / subscribed;
  }

  private long heap(JvmHeap heap, List<Server> serving) throws IOException, InterruptedException {
    long sum = 0;
    for (Server s : serving) {
      sum += heap.usedAfterGc(s.pid());
    }
    return sum;
  }

  private long rss(List<Server> serving) throws IOException {
    return proc.usage(proc.tree(Architecture.pids(serving.toArray(Server[]::new)))).rssKib() * 1024;
  }

  static Map<String, String> descriptions() {
    Map<String, String> d = new LinkedHashMap<>();
    d.put(
        GRPC,
        "Polyshop's push-service (grpc-java on Netty, in-process publishing, following"
            + " product-service's feed): Subscribe server streams, 1,000 per HTTP/2 connection;"
            + " heap and RSS of push-service");
    d.put(
        SSE,
        "the same topic as Server-Sent Events through the gateway's /api/events, one HTTP/1.1"
            + " connection per subscriber; heap and RSS of the gateway and push-service");
    return d;
  }
}
