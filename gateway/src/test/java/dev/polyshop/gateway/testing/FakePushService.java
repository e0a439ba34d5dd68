package dev.polyshop.gateway.testing;

import com.google.protobuf.util.Timestamps;
import dev.polyshop.push.v1.Event;
import dev.polyshop.push.v1.Heartbeat;
import dev.polyshop.push.v1.PublishRequest;
import dev.polyshop.push.v1.PublishResponse;
import dev.polyshop.push.v1.PushServiceGrpc;
import dev.polyshop.push.v1.Reset;
import dev.polyshop.push.v1.ResetReason;
import dev.polyshop.push.v1.SubscribeRequest;
import dev.polyshop.push.v1.SubscribeResponse;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * push-service double that counts its active subscribers. Topics steer it (by their ending, so that
 * public {@code product.*} and private {@code order.<subject>.*} topics both work): {@code bad}
 * fails with INVALID_ARGUMENT; a first topic ending in {@code finite} streams five events and a
 * reset, then completes; {@code firehose} sends as fast as flow control allows; anything else sends
 * a heartbeat and three events, then stays open until cancelled. The heartbeat's resume token is
 * where the stream starts (the request's token, else 0); event ids count up from it.
 */
public final class FakePushService extends PushServiceGrpc.PushServiceImplBase {

  public final AtomicInteger active = new AtomicInteger();
  public final AtomicInteger subscriptions = new AtomicInteger();
  public final AtomicReference<SubscribeRequest> lastSubscribe = new AtomicReference<>();
  public final AtomicInteger publishes = new AtomicInteger();

  /** Events sent on {@code firehose} streams: as many as gRPC flow control lets through. */
  public final java.util.concurrent.atomic.AtomicLong firehoseSent =
      new java.util.concurrent.atomic.AtomicLong();

  public void reset() {
    subscriptions.set(0);
    lastSubscribe.set(null);
    publishes.set(0);
  }

  @Override
  public void subscribe(SubscribeRequest request, StreamObserver<SubscribeResponse> responses) {
    subscriptions.incrementAndGet();
    lastSubscribe.set(request);
    String rejected =
        request.getTopicsList().stream().filter(t -> t.endsWith("bad")).findFirst().orElse(null);
    if (rejected != null) {
      responses.onError(
          Status.INVALID_ARGUMENT
              .withDescription("fake rejects topic " + rejected)
              .asRuntimeException());
      return;
    }
    var call = (ServerCallStreamObserver<SubscribeResponse>) responses;
    active.incrementAndGet();
    call.setOnCancelHandler(active::decrementAndGet);
    String topic = request.getTopics(0);
    if (topic.endsWith("firehose")) {
      firehose(call);
      return;
    }
    long after = request.getResumeToken().isEmpty() ? 0 : Long.parseLong(request.getResumeToken());
    responses.onNext(
        SubscribeResponse.newBuilder()
            .setHeartbeat(
                Heartbeat.newBuilder()
                    .setTime(Timestamps.fromMillis(0))
                    .setResumeToken(Long.toString(after)))
            .build());
    boolean finite = topic.endsWith("finite");
    for (long id = after + 1; id <= after + (finite ? 5 : 3); id++) {
      responses.onNext(event(topic, id));
    }
    if (finite) {
      responses.onNext(
          SubscribeResponse.newBuilder()
              .setReset(
                  Reset.newBuilder()
                      .setReason(ResetReason.RESET_REASON_SLOW_CONSUMER)
                      .setResumeToken(Long.toString(after + 100)))
              .build());
      active.decrementAndGet();
      responses.onCompleted();
    }
  }

  /** Sends while the stream is ready, as a well-behaved push-service does (isReady/onReady). */
  private void firehose(ServerCallStreamObserver<SubscribeResponse> call) {
    String padding = "x".repeat(1000);
    call.setOnReadyHandler(
        () -> {
          while (call.isReady() && !call.isCancelled()) {
            long id = firehoseSent.incrementAndGet();
            call.onNext(
                SubscribeResponse.newBuilder()
                    .setEvent(
                        Event.newBuilder()
                            .setId(Long.toString(id))
                            .setTopic("firehose")
                            .setType("bulk")
                            .setDataJson("{\"pad\":\"" + padding + "\"}"))
                    .build());
          }
        });
  }

  static SubscribeResponse event(String topic, long id) {
    return SubscribeResponse.newBuilder()
        .setEvent(
            Event.newBuilder()
                .setId(Long.toString(id))
                .setTopic(topic)
                .setType("price.dropped")
                .setDataJson("{\"seq\":" + id + "}")
                .setTime(Timestamps.fromMillis(1_700_000_000_000L)))
        .build();
  }

  @Override
  public void publish(PublishRequest request, StreamObserver<PublishResponse> responses) {
    publishes.incrementAndGet();
    responses.onNext(PublishResponse.newBuilder().setEventId("e-" + request.getTopic()).build());
    responses.onCompleted();
  }
}
