package dev.polyshop.kit;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.Test;

class StatusMappingTest {

  private static final StatusMapping MAPPING =
      error ->
          error instanceof IllegalArgumentException
              ? Status.INVALID_ARGUMENT.withDescription(error.getMessage())
              : null;

  @Test
  void theServicesRulesComeFirst_thenStatusExceptions_thenInternal() {
    assertThat(MAPPING.toStatus(new IllegalArgumentException("bad page_size")).getCode())
        .isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(MAPPING.toStatus(Status.NOT_FOUND.asRuntimeException()).getCode())
        .isEqualTo(Status.Code.NOT_FOUND);
    assertThat(MAPPING.toStatus(Status.ABORTED.asException()).getCode())
        .isEqualTo(Status.Code.ABORTED);
    Status internal = MAPPING.toStatus(new IllegalStateException("db password is hunter2"));
    assertThat(internal.getCode()).isEqualTo(Status.Code.INTERNAL);
    assertThat(internal.getDescription()).isEqualTo("internal error");
  }

  @Test
  void theInterceptor_closesAThrowingHandlersCall_withTheMappedStatus_notUnknown()
      throws Exception {
    var throwing =
        new HealthGrpc.HealthImplBase() {
          @Override
          public void check(
              HealthCheckRequest request, StreamObserver<HealthCheckResponse> response) {
            throw new IllegalArgumentException("service: unknown name " + request.getService());
          }
        };
    String name = InProcessServerBuilder.generateName();
    Server server =
        InProcessServerBuilder.forName(name)
            .directExecutor()
            .addService(ServerInterceptors.intercept(throwing, MAPPING.interceptor()))
            .build()
            .start();
    ManagedChannel channel = InProcessChannelBuilder.forName(name).directExecutor().build();
    try {
      var stub = HealthGrpc.newBlockingStub(channel);
      StatusRuntimeException failure = null;
      try {
        stub.check(HealthCheckRequest.newBuilder().setService("x").build());
      } catch (StatusRuntimeException e) {
        failure = e;
      }
      assertThat(failure).isNotNull();
      assertThat(failure.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
      assertThat(failure.getStatus().getDescription()).isEqualTo("service: unknown name x");
    } finally {
      channel.shutdownNow();
      server.shutdownNow();
    }
  }
}
