package dev.polyshop.kit;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ServingStateTest {

  private static final String SERVICE = "polyshop.test.v1.TestService";

  private final ServingState state = new ServingState(SERVICE);
  private Server server;
  private ManagedChannel channel;

  private ServingStatus status(String service) throws Exception {
    if (server == null) {
      String name = InProcessServerBuilder.generateName();
      server =
          InProcessServerBuilder.forName(name)
              .directExecutor()
              .addService(state.healthService())
              .build()
              .start();
      channel = InProcessChannelBuilder.forName(name).directExecutor().build();
    }
    return HealthGrpc.newBlockingStub(channel)
        .check(HealthCheckRequest.newBuilder().setService(service).build())
        .getStatus();
  }

  @AfterEach
  void stop() {
    if (channel != null) {
      channel.shutdownNow();
      server.shutdownNow();
    }
  }

  @Test
  void startsNotServing_thenServes_forTheServerAndTheService() throws Exception {
    assertThat(status("")).isEqualTo(ServingStatus.NOT_SERVING);
    assertThat(state.isServing()).isFalse();

    assertThat(state.markServing()).isTrue();
    assertThat(state.markServing()).as("already serving").isFalse();

    assertThat(status("")).isEqualTo(ServingStatus.SERVING);
    assertThat(status(SERVICE)).isEqualTo(ServingStatus.SERVING);
    assertThat(state.isServing()).isTrue();
  }

  @Test
  void aReplicaThatMustNotAnswer_goesBackToNotServing() throws Exception {
    state.markServing();
    state.markNotServing();

    assertThat(status(SERVICE)).isEqualTo(ServingStatus.NOT_SERVING);
    assertThat(state.markServing()).isTrue();
  }

  @Test
  void afterShutdown_itNeverServesAgain() throws Exception {
    state.markServing();
    state.shutdown();

    assertThat(state.markServing()).isFalse();
    assertThat(state.isServing()).isFalse();
    assertThat(status("")).isEqualTo(ServingStatus.NOT_SERVING);
  }
}
