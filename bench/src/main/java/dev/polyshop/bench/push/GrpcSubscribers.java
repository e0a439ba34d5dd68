package dev.polyshop.bench.push;

import dev.polyshop.push.v1.PushServiceGrpc;
import dev.polyshop.push.v1.SubscribeRequest;
import dev.polyshop.push.v1.SubscribeResponse;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;

/**
 * Subscribers as push-service's own clients have them: server streams of {@code Subscribe}, spread
 * round-robin over the given channels (push-service allows 2,000 streams per connection).
 */
public final class GrpcSubscribers extends Subscribers {

  private final List<? extends Channel> channels;
  private final String topic;
  private final List<ClientCall<SubscribeRequest, SubscribeResponse>> calls = new ArrayList<>();

  public GrpcSubscribers(
      List<? extends Channel> channels, String topic, int wanted, int maxEvents) {
    super(wanted, maxEvents);
    this.channels = List.copyOf(channels);
    this.topic = topic;
  }

  @Override
  public void open() {
    var request = SubscribeRequest.newBuilder().addTopics(topic).build();
    for (int i = 0; i < wanted(); i++) {
      // A stream lives as long as the run; it ends by cancellation in close(), so no deadline.
      ClientCall<SubscribeRequest, SubscribeResponse> call =
          channels
              .get(i % channels.size())
              .newCall(PushServiceGrpc.getSubscribeMethod(), CallOptions.DEFAULT);
      calls.add(call);
      ClientCalls.asyncServerStreamingCall(call, request, new Observer());
    }
  }

  @Override
  public void close() {
    calls.forEach(c -> c.cancel("the benchmark ended", null));
  }

  private final class Observer implements StreamObserver<SubscribeResponse> {
    private boolean first = true;

    @Override
    public void onNext(SubscribeResponse value) {
      long now = System.nanoTime();
      if (first) {
        first = false;
        firstMessage();
      }
      if (value.hasEvent()) {
        int seq = seq(value.getEvent().getDataJson());
        if (seq >= 0) {
          received(seq, now);
        }
      } else if (value.hasReset()) {
        resetReceived();
      }
    }

    @Override
    public void onError(Throwable t) {
      if (first) {
        first = false;
        failed();
      }
    }

    @Override
    public void onCompleted() {}
  }
}
