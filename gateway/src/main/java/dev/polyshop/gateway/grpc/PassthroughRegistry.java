package dev.polyshop.gateway.grpc;

import io.grpc.Channel;
import io.grpc.HandlerRegistry;
import io.grpc.MethodDescriptor;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServiceDescriptor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Resolves every method of the proxied services to a byte-level forwarding handler on the shared
 * channel of its upstream; methods of other services are UNIMPLEMENTED.
 */
final class PassthroughRegistry extends HandlerRegistry {

  private final Map<String, ServerMethodDefinition<byte[], byte[]>> methods = new HashMap<>();

  PassthroughRegistry(Map<ServiceDescriptor, Channel> upstreams, Duration unaryDeadline) {
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
                ServerMethodDefinition.create(
                    raw, new ProxyCallHandler(channel, raw, unaryDeadline)));
          }
        });
  }

  @Override
  public ServerMethodDefinition<?, ?> lookupMethod(String methodName, String authority) {
    return methods.get(methodName);
  }

  /** Passes message bytes through untouched: the gateway never parses proxied messages. */
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
