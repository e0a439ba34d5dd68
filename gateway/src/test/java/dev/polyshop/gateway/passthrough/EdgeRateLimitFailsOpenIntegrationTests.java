package dev.polyshop.gateway.passthrough;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyshop.gateway.testing.GatewayHarness;
import dev.polyshop.search.v1.SearchRequest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/** Redis store configured but nothing listens there: native gRPC calls pass too, quickly. */
@TestPropertySource(
    properties = {
      "spring.data.redis.url=redis://127.0.0.1:1",
      "polyshop.gateway.rate-limit.replenish-rate=1",
      "polyshop.gateway.rate-limit.burst-capacity=1"
    })
class EdgeRateLimitFailsOpenIntegrationTests extends GatewayHarness {

  @Autowired NativeGrpcServer nativeGrpc;

  @Test
  void redisUnreachable_callsPassUnlimited_likeHttp() throws InterruptedException {
    try (var edge = new EdgeClient(nativeGrpc.port())) {
      // Not timed: the first call also pays for the TLS handshake and the limiter's first use.
      edge.search().search(SearchRequest.newBuilder().setQuery("warm-up").build());
      for (int i = 0; i < 5; i++) {
        long started = System.nanoTime();
        var answer = edge.search().search(SearchRequest.newBuilder().setQuery("q" + i).build());
        assertThat(answer.getHitsCount()).isEqualTo(1);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
      }
    }
  }
}
