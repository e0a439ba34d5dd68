package dev.polyshop.gateway.passthrough;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyshop.gateway.testing.GatewayHarness;
import dev.polyshop.push.v1.PushServiceGrpc;
import dev.polyshop.push.v1.SubscribeRequest;
import dev.polyshop.push.v1.SubscribeResponse;
import dev.polyshop.search.v1.SearchRequest;
import dev.polyshop.search.v1.SearchServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.File;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class NativeGrpcProxyIntegrationTests extends GatewayHarness {

  @Autowired NativeGrpcServer nativeGrpc;

  private ManagedChannel viaGateway;
  private ManagedChannel direct;

  @BeforeEach
  void channels() throws Exception {
    viaGateway =
        NettyChannelBuilder.forAddress("localhost", nativeGrpc.port())
            .sslContext(
                GrpcSslContexts.forClient()
                    .trustManager(new File("target/test-tls/gateway.crt"))
                    .build())
            .build();
    direct = NettyChannelBuilder.forTarget(upstreams.searchTarget()).usePlaintext().build();
  }

  @AfterEach
  void close() throws InterruptedException {
    viaGateway.shutdownNow().awaitTermination(2, TimeUnit.SECONDS);
    direct.shutdownNow().awaitTermination(2, TimeUnit.SECONDS);
  }

  @Test
  void unarySearch_throughTheTlsPort_equalsTheDirectAnswer() {
    var request = SearchRequest.newBuilder().setQuery("native").setPageSize(3).build();

    var proxied = blockingSearch(viaGateway).search(request);
    var expected = blockingSearch(direct).search(request);

    assertThat(proxied).isEqualTo(expected);
    assertThat(proxied.getHits(0).getProduct().getId()).isEqualTo("native");
  }

  @Test
  void serverStreamingSubscribe_throughTheTlsPort_equalsTheDirectStream() {
    ManagedChannel directPush =
        NettyChannelBuilder.forTarget(upstreams.pushTarget()).usePlaintext().build();
    try {
      var request =
          SubscribeRequest.newBuilder().addTopics("product.finite").setResumeToken("10").build();

      List<SubscribeResponse> proxied = subscribeAll(viaGateway, request);
      List<SubscribeResponse> expected = subscribeAll(directPush, request);

      assertThat(proxied).hasSize(7).isEqualTo(expected);
    } finally {
      directPush.shutdownNow();
    }
  }

  @Test
  void upstreamStatus_travelsBackUnchanged() {
    var request = SearchRequest.newBuilder().setQuery("status:NOT_FOUND").build();

    assertThatThrownBy(() -> blockingSearch(viaGateway).search(request))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
              assertThat(e.getStatus().getDescription()).isEqualTo("fake says NOT_FOUND");
            });
  }

  @Test
  void servicesOtherThanSearchAndPush_areUnimplemented() {
    var health = HealthGrpc.newBlockingStub(viaGateway).withDeadlineAfter(2, TimeUnit.SECONDS);

    assertThatThrownBy(() -> health.check(HealthCheckRequest.getDefaultInstance()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNIMPLEMENTED));
  }

  private static SearchServiceGrpc.SearchServiceBlockingStub blockingSearch(ManagedChannel ch) {
    return SearchServiceGrpc.newBlockingStub(ch).withDeadlineAfter(5, TimeUnit.SECONDS);
  }

  private static List<SubscribeResponse> subscribeAll(
      ManagedChannel channel, SubscribeRequest request) {
    var stream =
        PushServiceGrpc.newBlockingStub(channel)
            .withDeadlineAfter(5, TimeUnit.SECONDS)
            .subscribe(request);
    var all = new java.util.ArrayList<SubscribeResponse>();
    stream.forEachRemaining(all::add);
    return all;
  }
}
