package dev.polyshop.push.api;

import dev.polyshop.push.fanout.Hub;
import dev.polyshop.push.fanout.PublishedEvents;
import dev.polyshop.push.replay.EventId;
import dev.polyshop.push.replay.WireMessage;
import dev.polyshop.push.v1.PublishRequest;
import dev.polyshop.push.v1.PublishResponse;
import dev.polyshop.push.v1.PushServiceGrpc;
import dev.polyshop.push.v1.SubscribeRequest;
import io.grpc.BindableService;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;

/**
 * {@code polyshop.push.v1.PushService}: validates, then hands over to the fan-out.
 *
 * <p>Subscribe is bound with {@link WireMarshaller}: its stream items are {@link WireMessage}s,
 * sent as the bytes they were encoded to once, which on the wire are the {@code SubscribeResponse}s
 * the proto declares.
 */
public final class PushGrpcService implements BindableService {

  /** Subscribe as this service serves it: the proto's method, responses pre-encoded. */
  static final MethodDescriptor<SubscribeRequest, WireMessage> SUBSCRIBE =
      PushServiceGrpc.getSubscribeMethod().toBuilder(
              ProtoUtils.marshaller(SubscribeRequest.getDefaultInstance()), WireMarshaller.INSTANCE)
          .build();

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
  public ServerServiceDefinition bindService() {
    var proto = PushServiceGrpc.getServiceDescriptor();
    var descriptor =
        ServiceDescriptor.newBuilder(proto.getName())
            .setSchemaDescriptor(proto.getSchemaDescriptor())
            .addMethod(SUBSCRIBE)
            .addMethod(PushServiceGrpc.getPublishMethod())
            .build();
    return ServerServiceDefinition.builder(descriptor)
        .addMethod(SUBSCRIBE, ServerCalls.asyncServerStreamingCall(this::subscribe))
        .addMethod(PushServiceGrpc.getPublishMethod(), ServerCalls.asyncUnaryCall(this::publish))
        .build();
  }

  void subscribe(SubscribeRequest request, StreamObserver<WireMessage> responses) {
    try {
      RequestValidation.Subscription subscription = RequestValidation.subscription(request);
      hub.subscribe(
          subscription.family(),
          subscription.topics(),
          subscription.resumeAfter(),
          (ServerCallStreamObserver<WireMessage>) responses);
    } catch (RuntimeException e) {
      responses.onError(PushErrors.MAPPING.toException(e));
    }
  }

  void publish(PublishRequest request, StreamObserver<PublishResponse> response) {
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
