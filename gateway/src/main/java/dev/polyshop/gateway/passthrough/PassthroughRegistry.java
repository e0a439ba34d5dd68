package dev.polyshop.gateway.passthrough;

import dev.polyshop.push.v1.PushServiceGrpc;
import io.grpc.Channel;
import io.grpc.HandlerRegistry;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Resolves the public methods of the proxied services ({@link EdgePolicy#PUBLIC_METHODS}) to a
 * byte-level forwarding handler on the shared channel of its upstream, behind the edge's
 * interceptors; their other methods are PERMISSION_DENIED and never proxied; methods of other
 * services are UNIMPLEMENTED.
 */
final class PassthroughRegistry extends HandlerRegistry {

  private final Map<String, ServerMethodDefinition<byte[], byte[]>> methods = new HashMap<>();

  /** {@code interceptors} run in list order (the first sees the call first). */
  PassthroughRegistry(
      Map<ServiceDescriptor, Channel> upstreams,
      ProxyCallHandler.Deadlines deadlines,
      List<ServerInterceptor> interceptors) {
    upstreams.forEach(
        (service, channel) -> {
          for (MethodDescriptor<?, ?> method : service.getMethods()) {
            MethodDescriptor<byte[], byte[]> raw =
                MethodDescriptor.<byte[], byte[]>newBuilder(BYTES, BYTES)
                    .setFullMethodName(method.getFullMethodName())
                    .setType(method.getType())
                    .build();
            methods.put(
                method.getFullMethodName(),
                ServerMethodDefinition.create(raw, handler(raw, channel, deadlines, interceptors)));
          }
        });
  }

  private static ServerCallHandler<byte[], byte[]> handler(
      MethodDescriptor<byte[], byte[]> method,
      Channel channel,
      ProxyCallHandler.Deadlines deadlines,
      List<ServerInterceptor> interceptors) {
    String name = method.getFullMethodName();
    if (!EdgePolicy.PUBLIC_METHODS.contains(name)) {
      return internal(name);
    }
    ServerCallHandler<byte[], byte[]> handler = new ProxyCallHandler(channel, method, deadlines);
    if (name.equals(PushServiceGrpc.getSubscribeMethod().getFullMethodName())) {
      handler = new SubscribeGuard(handler);
    }
    for (ServerInterceptor interceptor : interceptors.reversed()) {
      ServerCallHandler<byte[], byte[]> next = handler;
      handler = (call, headers) -> interceptor.interceptCall(call, headers, next);
    }
    return handler;
  }

  private static ServerCallHandler<byte[], byte[]> internal(String name) {
    Status denied =
        Status.PERMISSION_DENIED.withDescription(
            name + " is internal: it is not callable through the gateway");
    return (ServerCall<byte[], byte[]> call, Metadata headers) -> {
      call.close(denied, new Metadata());
      return new ServerCall.Listener<>() {};
    };
  }

  @Override
  public @Nullable ServerMethodDefinition<?, ?> lookupMethod(
      String methodName, @Nullable String authority) {
    return methods.get(methodName);
  }

  /** Passes message bytes through untouched (only {@link SubscribeGuard} reads a request). */
  static final MethodDescriptor.Marshaller<byte[]> BYTES =
      new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
          return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
          try {
            return stream.readAllBytes();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      };
}
