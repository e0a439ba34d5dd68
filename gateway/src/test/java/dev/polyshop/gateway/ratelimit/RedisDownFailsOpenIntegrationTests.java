package dev.polyshop.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Redis store configured but nothing listens there: requests still pass (fail-open), quickly. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "management.server.port=0",
      "spring.profiles.active=dev",
      "spring.data.redis.url=redis://127.0.0.1:1",
      "polyshop.gateway.rate-limit.replenish-rate=1",
      "polyshop.gateway.rate-limit.burst-capacity=1",
      "polyshop.gateway.grpc.tls.enabled=false",
      "logging.level.polyshop.access=WARN"
    })
class RedisDownFailsOpenIntegrationTests {

  @LocalServerPort int port;

  @Test
  void redisUnreachable_requestsPassUnlimited() {
    var client = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();

    for (int i = 0; i < 5; i++) {
      long started = System.nanoTime();
      client.get().uri("/api/ping").exchange().expectStatus().isOk();
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
    }
  }
}
