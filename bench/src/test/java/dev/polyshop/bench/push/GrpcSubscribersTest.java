package dev.polyshop.bench.push;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyshop.push.v1.Event;
import dev.polyshop.push.v1.Heartbeat;
import dev.polyshop.push.v1.PushServiceGrpc;
import dev.polyshop.push.v1.Reset;
import dev.polyshop.push.v1.ResetReason;
import dev.polyshop.push.v1.SubscribeRequest;
import dev.polyshop.push.v1.SubscribeResponse;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GrpcSubscribersTest {

  private final String name = InProcessServerBuilder.generateName();
  private final FakePush push = new FakePush();
  private Server server;
  private ManagedChannel channel;

  @AfterEach
  void stop() throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  @Test
  void everySubscriberReceivesEveryEvent_withItsFanOutLatency() throws Exception {
    start(Integer.MAX_VALUE);
    try (var subscribers = new GrpcSubscribers(List.of(channel), "t", 50, 2)) {
      subscribers.open();

      assertThat(subscribers.awaitSubscribed(Duration.ofSeconds(5))).isEqualTo(50);
      for (int i = 0; i < 2; i++) {
        subscribers.publishing(i);
        Thread.sleep(20);
        push.publish();
        assertThat(subscribers.awaitReceipts(i, 50, Duration.ofSeconds(5))).isEqualTo(50);
      }
      var fanOut = FanOut.of(1, "grpc", subscribers, 1, 2, 0, 0);
      assertThat(fanOut.complete()).isTrue();
      assertThat(fanOut.receipts()).isEqualTo(100);
      assertThat(fanOut.p50Micros()).isGreaterThanOrEqualTo(20_000);
    }
  }

  @Test
  void aSubscriberThatMissedAnEvent_hasTheLaterOnesCountedAsThemselves() throws Exception {
    start(Integer.MAX_VALUE);
    try (var subscribers = new GrpcSubscribers(List.of(channel), "t", 10, 3)) {
      subscribers.open();
      assertThat(subscribers.awaitSubscribed(Duration.ofSeconds(5))).isEqualTo(10);

      push.publish(1); // event 0 went out before they subscribed
      push.publish(2);

      assertThat(subscribers.awaitReceipts(2, 10, Duration.ofSeconds(5))).isEqualTo(10);
      assertThat(subscribers.awaitReceipts(1, 10, Duration.ofSeconds(5))).isEqualTo(10);
      assertThat(subscribers.awaitReceipts(0, 10, Duration.ofMillis(200))).isZero();
    }
  }

  @Test
  void aResetInsteadOfAnEvent_isCountedAsAReset_notAReceipt() throws Exception {
    start(Integer.MAX_VALUE);
    try (var subscribers = new GrpcSubscribers(List.of(channel), "t", 10, 1)) {
      subscribers.open();
      assertThat(subscribers.awaitSubscribed(Duration.ofSeconds(5))).isEqualTo(10);

      subscribers.publishing(0);
      push.reset();
      push.publish();
      assertThat(subscribers.awaitReceipts(0, 10, Duration.ofSeconds(5))).isEqualTo(10);

      var fanOut = FanOut.of(1, "grpc", subscribers, 1, 1, 0, 0);
      assertThat(fanOut.resets()).isEqualTo(10);
      assertThat(fanOut.receipts()).isEqualTo(10);
    }
  }

  @Test
  void subscribersThatGetNoFirstMessage_failAfterTheTimeout_withoutHanging() throws Exception {
    start(30); // like a connection at its stream limit: the rest wait silently
    try (var subscribers = new GrpcSubscribers(List.of(channel), "t", 50, 1)) {
      subscribers.open();
      long began = System.nanoTime();

      int subscribed = subscribers.awaitSubscribed(Duration.ofMillis(500));

      assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(3));
      assertThat(subscribed).isEqualTo(30);
      var fanOut = FanOut.of(1, "grpc", subscribers, 1, 1, 0, 0);
      assertThat(fanOut.failed()).isEqualTo(20);
      assertThat(fanOut.complete()).isFalse();
    }
  }

  @Test
  void subscribersThatArriveSlowly_butSteadily_areAllSubscribed() throws Exception {
    push.delayMillis = 50; // 20 subscribers take a second, each within the 300 ms of the last
    start(Integer.MAX_VALUE);
    try (var subscribers = new GrpcSubscribers(List.of(channel), "t", 20, 1)) {
      subscribers.open();

      assertThat(subscribers.awaitSubscribed(Duration.ofMillis(300))).isEqualTo(20);
    }
  }

  private void start(int answered) throws Exception {
    push.answered = answered;
    server = InProcessServerBuilder.forName(name).addService(push).build().start();
    channel = InProcessChannelBuilder.forName(name).build();
  }

  /** Greets the first {@code answered} subscribers with a heartbeat; publish() reaches those. */
  private static final class FakePush extends PushServiceGrpc.PushServiceImplBase {
    private final List<StreamObserver<SubscribeResponse>> live = new CopyOnWriteArrayList<>();
    private volatile int answered;
    private volatile long delayMillis;
    private int seen;
    private int published;

    @Override
    public synchronized void subscribe(
        SubscribeRequest request, StreamObserver<SubscribeResponse> observer) {
      ((ServerCallStreamObserver<SubscribeResponse>) observer).setOnCancelHandler(() -> {});
      if (seen++ >= answered) {
        return;
      }
      if (delayMillis > 0) {
        try {
          Thread.sleep(delayMillis); // one at a time: the method is synchronized
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      observer.onNext(
          SubscribeResponse.newBuilder().setHeartbeat(Heartbeat.getDefaultInstance()).build());
      live.add(observer);
    }

    synchronized void reset() {
      var reset = Reset.newBuilder().setReason(ResetReason.RESET_REASON_SLOW_CONSUMER);
      for (var o : live) {
        o.onNext(SubscribeResponse.newBuilder().setReset(reset).build());
      }
    }

    synchronized void publish() {
      publish(published);
    }

    /** An event with data {@code {"seq":seq}}, as the harness publishes them. */
    synchronized void publish(int seq) {
      published = seq + 1;
      var event =
          Event.newBuilder()
              .setId("p-" + seq)
              .setTopic("t")
              .setDataJson("{\"seq\":" + seq + "}")
              .build();
      for (var o : live) {
        o.onNext(SubscribeResponse.newBuilder().setEvent(event).build());
      }
    }
  }
}
