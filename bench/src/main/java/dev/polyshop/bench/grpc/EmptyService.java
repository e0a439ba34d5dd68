package dev.polyshop.bench.grpc;

import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.ServerCalls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The gRPC ceiling: a unary method that answers every request with an empty message at once, so
 * what a call costs is grpc-java and HTTP/2 alone (no protobuf schema, no work).
 */
public final class EmptyService {

  /** {@code polyshop.bench.EmptyService/Call}: bytes in, no bytes out. */
  public static final MethodDescriptor<byte[], byte[]> CALL =
      MethodDescriptor.<byte[], byte[]>newBuilder()
          .setType(MethodDescriptor.MethodType.UNARY)
          .setFullMethodName(
              MethodDescriptor.generateFullMethodName("polyshop.bench.EmptyService", "Call"))
          .setRequestMarshaller(new Bytes())
          .setResponseMarshaller(new Bytes())
          .build();

  private static final byte[] EMPTY = new byte[0];

  private EmptyService() {}

  public static ServerServiceDefinition definition() {
    return ServerServiceDefinition.builder("polyshop.bench.EmptyService")
        .addMethod(
            CALL,
            ServerCalls.asyncUnaryCall(
                (request, response) -> {
                  response.onNext(EMPTY);
                  response.onCompleted();
                }))
        .build();
  }

  private static final class Bytes implements MethodDescriptor.Marshaller<byte[]> {
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
  }
}
