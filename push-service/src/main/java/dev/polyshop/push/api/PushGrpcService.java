package dev.polyshop.push.api;

import dev.polyshop.push.fanout.Hub;
import dev.polyshop.push.fanout.PublishedEvents;
import dev.polyshop.push.replay.EventId;
import dev.polyshop.push.v1.PublishRequest;
import dev.polyshop.push.v1.PublishResponse;
import dev.polyshop.push.v1.PushServiceGrpc;
import dev.polyshop.push.v1.SubscribeRequest;
import dev.polyshop.push.v1.SubscribeResponse;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;

/** {@code polyshop.push.v1.PushService}: validates, then hands over to the fan-out. */
public final class PushGrpcService extends PushServiceGrpc.PushServiceImplBase {

  private final Hub hub;
  private final PublishedEvents published;
  private final int maxDataBytes;

  /** {@code maxDataBytes}: the largest {@code data_json} Publish accepts. */
  public PushGrpcService(Hub hub, PublishedEvents published, int maxDataBytes) {
    this.hub = hub;
    this.published = published;
    this.maxDataBytes = maxDataBytes;
  }

  @Override
  public void subscribe(SubscribeRequest request, StreamObserver<SubscribeResponse> responses) {
    try {
      RequestValidation.Subscription subscription = RequestValidation.subscription(request);
      hub.subscribe(
          subscription.family(),
          subscription.topics(),
          subscription.resumeAfter(),
          (ServerCallStreamObserver<SubscribeResponse>) responses);
    } catch (RuntimeException e) {
      responses.onError(PushErrors.MAPPING.toException(e));
    }
  }

  @Override
  public void publish(PublishRequest request, StreamObserver<PublishResponse> response) {
    try {
      RequestValidation.publish(request, maxDataBytes);
      EventId id = published.publish(request.getTopic(), request.getType(), request.getDataJson());
      response.onNext(PublishResponse.newBuilder().setEventId(id.toString()).build());
      response.onCompleted();
    } catch (RuntimeException e) {
      response.onError(PushErrors.MAPPING.toException(e));
    }
  }
}
