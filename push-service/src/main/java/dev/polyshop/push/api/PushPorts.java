package dev.polyshop.push.api;

import dev.polyshop.push.v1.PushServiceGrpc;
import io.grpc.BindableService;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerInterceptors;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;

/**
 * Which {@code PushService} methods each port serves: {@code Subscribe} on the public port (the
 * gateway's upstream), {@code Publish} only on the internal port and only with a service token. The
 * other method on each port is PERMISSION_DENIED.
 */
public final class PushPorts {

  private PushPorts() {}

  /** The public port's PushService: Subscribe. */
  public static ServerServiceDefinition publicPort(BindableService push) {
    return only(
        push,
        PushServiceGrpc.getSubscribeMethod(),
        "Publish is internal: call it on push-service's internal port (PUSH_INTERNAL_GRPC_PORT)"
            + " with a service token");
  }

  /** The internal port's PushService: Publish, behind {@code publishers}. */
  public static ServerServiceDefinition internalPort(
      BindableService push, PublisherAuthentication publishers) {
    return ServerInterceptors.intercept(
        only(
            push,
            PushServiceGrpc.getPublishMethod(),
            "Subscribe is served on push-service's public port (PUSH_GRPC_PORT)"),
        publishers);
  }

  private static ServerServiceDefinition only(
      BindableService push, MethodDescriptor<?, ?> served, String deniedDescription) {
    ServerServiceDefinition all = push.bindService();
    var builder = ServerServiceDefinition.builder(all.getServiceDescriptor());
    for (ServerMethodDefinition<?, ?> method : all.getMethods()) {
      builder.addMethod(servedOrDenied(method, served, deniedDescription));
    }
    return builder.build();
  }

  private static <Q, R> ServerMethodDefinition<Q, R> servedOrDenied(
      ServerMethodDefinition<Q, R> method, MethodDescriptor<?, ?> served, String description) {
    if (method.getMethodDescriptor().getFullMethodName().equals(served.getFullMethodName())) {
      return method;
    }
    Status status = Status.PERMISSION_DENIED.withDescription(description);
    return method.withServerCallHandler(
        (ServerCall<Q, R> call, Metadata headers) -> {
          call.close(status, new Metadata());
          return new ServerCall.Listener<>() {};
        });
  }
}
