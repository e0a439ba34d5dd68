package dev.polyshop.bench.grpc;

import com.google.protobuf.Empty;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ServerCalls;

/**
 * The gRPC ceiling: a unary method that answers every request with an empty message at once, so
 * what a call costs is grpc-java and HTTP/2 alone: {@code google.protobuf.Empty} both ways (zero
 * bytes on the wire), no work.
 */
public final class EmptyService {

  /** {@code polyshop.bench.EmptyService/Call}: Empty in, Empty out. */
  public static final MethodDescriptor<Empty, Empty> CALL =
      MethodDescriptor.<Empty, Empty>newBuilder()
          .setType(MethodDescriptor.MethodType.UNARY)
          .setFullMethodName(
              MethodDescriptor.generateFullMethodName("polyshop.bench.EmptyService", "Call"))
          .setRequestMarshaller(ProtoUtils.marshaller(Empty.getDefaultInstance()))
          .setResponseMarshaller(ProtoUtils.marshaller(Empty.getDefaultInstance()))
          .build();

  private EmptyService() {}

  public static ServerServiceDefinition definition() {
    return ServerServiceDefinition.builder("polyshop.bench.EmptyService")
        .addMethod(
            CALL,
            ServerCalls.asyncUnaryCall(
                (request, response) -> {
                  response.onNext(Empty.getDefaultInstance());
                  response.onCompleted();
                }))
        .build();
  }
}
