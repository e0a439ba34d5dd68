package dev.polyshop.gateway.passthrough;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.Status;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Forwards one call to the upstream and back with flow control in both directions: a message is
 * requested from one side only when the other side is ready to take it, so a slow reader on either
 * end slows the writer instead of filling the gateway's memory.
 */
final class ProxyCallHandler implements ServerCallHandler<byte[], byte[]> {

  private final Channel upstream;
  private final MethodDescriptor<byte[], byte[]> method;
  private final Deadlines deadlines;

  /**
   * Deadlines of proxied unary calls.
   *
   * @param fallback the deadline of a unary call that arrives without one
   * @param max the longest a unary call may run, whatever deadline it arrives with
   */
  record Deadlines(Duration fallback, Duration max) {}

  ProxyCallHandler(Channel upstream, MethodDescriptor<byte[], byte[]> method, Deadlines deadlines) {
    this.upstream = upstream;
    this.method = method;
    this.deadlines = deadlines;
  }

  @Override
  public ServerCall.Listener<byte[]> startCall(
      ServerCall<byte[], byte[]> server, Metadata headers) {
    ClientCall<byte[], byte[]> client = upstream.newCall(method, callOptions());
    var relay = new Relay(server, client);
    client.start(relay.fromUpstream, headers);
    server.request(1);
    client.request(1);
    return relay.fromCaller;
  }

  /**
   * The caller's deadline travels on; a unary call without one gets the fallback deadline, and none
   * runs longer than the maximum (streams are long-lived by design and keep the caller's).
   */
  private CallOptions callOptions() {
    Deadline deadline = Context.current().getDeadline();
    if (method.getType() == MethodDescriptor.MethodType.UNARY) {
      Deadline max = Deadline.after(deadlines.max().toMillis(), TimeUnit.MILLISECONDS);
      deadline =
          deadline == null
              ? Deadline.after(deadlines.fallback().toMillis(), TimeUnit.MILLISECONDS).minimum(max)
              : deadline.minimum(max);
    }
    return deadline == null ? CallOptions.DEFAULT : CallOptions.DEFAULT.withDeadline(deadline);
  }

  private static final class Relay {
    private final ServerCall<byte[], byte[]> server;
    private final ClientCall<byte[], byte[]> client;
    private boolean callerWaiting;
    private boolean upstreamWaiting;

    Relay(ServerCall<byte[], byte[]> server, ClientCall<byte[], byte[]> client) {
      this.server = server;
      this.client = client;
    }

    final ServerCall.Listener<byte[]> fromCaller =
        new ServerCall.Listener<>() {
          @Override
          public void onMessage(byte[] message) {
            client.sendMessage(message);
            synchronized (Relay.this) {
              if (client.isReady()) {
                server.request(1);
              } else {
                callerWaiting = true;
              }
            }
          }

          @Override
          public void onHalfClose() {
            client.halfClose();
          }

          @Override
          public void onCancel() {
            client.cancel("caller cancelled", null);
          }

          @Override
          public void onReady() {
            synchronized (Relay.this) {
              if (upstreamWaiting) {
                upstreamWaiting = false;
                client.request(1);
              }
            }
          }
        };

    final ClientCall.Listener<byte[]> fromUpstream =
        new ClientCall.Listener<>() {
          @Override
          public void onHeaders(Metadata headers) {
            server.sendHeaders(headers);
          }

          @Override
          public void onMessage(byte[] message) {
            server.sendMessage(message);
            synchronized (Relay.this) {
              if (server.isReady()) {
                client.request(1);
              } else {
                upstreamWaiting = true;
              }
            }
          }

          @Override
          public void onClose(Status status, Metadata trailers) {
            server.close(status, trailers);
          }

          @Override
          public void onReady() {
            synchronized (Relay.this) {
              if (callerWaiting) {
                callerWaiting = false;
                server.request(1);
              }
            }
          }
        };
  }
}
