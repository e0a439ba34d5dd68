package dev.polyshop.kit;

import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;

/** Closes a call whose handler throws with the {@link StatusMapping}'s status. */
final class StatusMappingInterceptor implements ServerInterceptor {

  private final StatusMapping mapping;

  StatusMappingInterceptor(StatusMapping mapping) {
    this.mapping = mapping;
  }

  @Override
  public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(
      ServerCall<ReqT, RespT> call, Metadata headers, ServerCallHandler<ReqT, RespT> next) {
    ServerCall.Listener<ReqT> delegate = next.startCall(call, headers);
    return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(delegate) {
      @Override
      public void onMessage(ReqT message) {
        guard(() -> super.onMessage(message));
      }

      @Override
      public void onHalfClose() {
        guard(super::onHalfClose);
      }

      @Override
      public void onReady() {
        guard(super::onReady);
      }

      private void guard(Runnable step) {
        try {
          step.run();
        } catch (RuntimeException e) {
          try {
            call.close(mapping.toStatus(e), new Metadata());
          } catch (IllegalStateException alreadyClosed) {
            // The handler closed the call before failing; the client has its status.
          }
        }
      }
    };
  }
}
