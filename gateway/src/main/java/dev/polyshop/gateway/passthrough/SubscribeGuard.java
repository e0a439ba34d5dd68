package dev.polyshop.gateway.passthrough;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.polyshop.push.v1.SubscribeRequest;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.Status;
import org.jspecify.annotations.Nullable;

/**
 * Reads a {@code Subscribe} call's request before anything goes upstream and lets it through only
 * when the caller may read every topic in it ({@link EdgePolicy#topicAccess}).
 */
final class SubscribeGuard implements ServerCallHandler<byte[], byte[]> {

  private final ServerCallHandler<byte[], byte[]> next;

  SubscribeGuard(ServerCallHandler<byte[], byte[]> next) {
    this.next = next;
  }

  @Override
  public ServerCall.Listener<byte[]> startCall(ServerCall<byte[], byte[]> call, Metadata headers) {
    call.request(1);
    return new ServerCall.Listener<>() {
      private ServerCall.@Nullable Listener<byte[]> upstream;
      private boolean closed;

      @Override
      public void onMessage(byte[] message) {
        if (upstream != null) {
          upstream.onMessage(message);
          return;
        }
        Status access = access(message, EdgeAuthentication.SUBJECT.get());
        if (!access.isOk()) {
          closed = true;
          call.close(access, new Metadata());
          return;
        }
        upstream = next.startCall(call, headers);
        upstream.onMessage(message);
        if (call.isReady()) {
          upstream.onReady();
        }
      }

      @Override
      public void onHalfClose() {
        if (upstream != null) {
          upstream.onHalfClose();
        } else if (!closed) {
          closed = true;
          call.close(
              Status.INVALID_ARGUMENT.withDescription("Subscribe needs one SubscribeRequest"),
              new Metadata());
        }
      }

      @Override
      public void onCancel() {
        if (upstream != null) {
          upstream.onCancel();
        }
      }

      @Override
      public void onComplete() {
        if (upstream != null) {
          upstream.onComplete();
        }
      }

      @Override
      public void onReady() {
        if (upstream != null) {
          upstream.onReady();
        }
      }
    };
  }

  private static Status access(byte[] message, String subject) {
    SubscribeRequest request;
    try {
      request = SubscribeRequest.parseFrom(message);
    } catch (InvalidProtocolBufferException e) {
      return Status.INVALID_ARGUMENT.withDescription("not a polyshop.push.v1.SubscribeRequest");
    }
    return EdgePolicy.topicAccess(request.getTopicsList(), subject);
  }
}
