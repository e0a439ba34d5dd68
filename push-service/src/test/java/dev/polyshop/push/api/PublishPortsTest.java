package dev.polyshop.push.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyshop.push.system.PushServer;
import dev.polyshop.push.testing.PushConfigs;
import dev.polyshop.push.v1.PublishRequest;
import dev.polyshop.push.v1.PushServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The public port (the gateway's upstream) does not take Publish, whoever calls. */
class PublishPortsTest {

  @Test
  void publish_onThePublicPort_isPermissionDenied() throws Exception {
    String name = InProcessServerBuilder.generateName();
    try (PushServer server =
        PushServer.start(PushConfigs.of(), InProcessServerBuilder.forName(name))) {
      ManagedChannel channel = InProcessChannelBuilder.forName(name).build();
      try {
        var push = PushServiceGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS);
        var request =
            PublishRequest.newBuilder().setTopic("order.a").setType("t").setDataJson("{}").build();

        assertThatThrownBy(() -> push.publish(request))
            .isInstanceOfSatisfying(
                StatusRuntimeException.class,
                e -> {
                  assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
                  assertThat(e.getStatus().getDescription()).contains("internal port");
                });
      } finally {
        channel.shutdownNow();
      }
    }
  }
}
