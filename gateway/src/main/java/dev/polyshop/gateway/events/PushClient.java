package dev.polyshop.gateway.events;

import dev.polyshop.gateway.upstream.GrpcChannels;
import dev.polyshop.gateway.upstream.GrpcReactive;
import dev.polyshop.push.v1.PushServiceGrpc;
import dev.polyshop.push.v1.SubscribeRequest;
import dev.polyshop.push.v1.SubscribeResponse;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/**
 * push-service's Subscribe over the shared channel.
 *
 * <p>A subscription is long-lived by design, so it carries no deadline; it ends when the SSE client
 * disconnects (the gRPC call is cancelled at once) or when push-service closes it.
 */
@Component
class PushClient {

  private final PushServiceGrpc.PushServiceStub stub;

  PushClient(@Qualifier(GrpcChannels.PUSH) ManagedChannel channel) {
    this.stub = PushServiceGrpc.newStub(channel);
  }

  Flux<SubscribeResponse> subscribe(SubscribeRequest request, Metadata metadata) {
    return Flux.defer(
        () ->
            GrpcReactive.serverStreaming(
                stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(metadata))
                    ::subscribe,
                request));
  }
}
