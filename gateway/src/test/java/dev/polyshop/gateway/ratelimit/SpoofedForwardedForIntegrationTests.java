package dev.polyshop.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A client that is not a trusted proxy cannot choose its rate-limit key with {@code
 * X-Forwarded-For} or {@code Forwarded}, even where Spring Boot would trust forwarded headers by
 * default (on Kubernetes it switches to Reactor Netty's native handling, which believes any peer).
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "management.server.port=0",
      "spring.profiles.active=dev",
      "spring.main.cloud-platform=kubernetes",
      "polyshop.gateway.rate-limit.store=memory",
      "polyshop.gateway.rate-limit.replenish-rate=1",
      "polyshop.gateway.rate-limit.requested-tokens=60",
      "polyshop.gateway.rate-limit.burst-capacity=300",
      "polyshop.gateway.grpc.tls.enabled=false",
      "logging.level.polyshop.access=WARN"
    })
class SpoofedForwardedForIntegrationTests {

  private static final int BURST = 5;

  @LocalServerPort int port;

  @Test
  void spoofedForwardedHeaders_fromAnUntrustedPeer_doNotChangeTheKey() {
    var client = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
    List<Integer> statuses = new ArrayList<>();

    for (int i = 0; i < 3 * BURST; i++) {
      statuses.add(
          client
              .get()
              .uri("/api/ping")
              .header("X-Forwarded-For", "203.0.113." + i)
              .header("X-Real-IP", "203.0.113." + i)
              .header("Forwarded", "for=198.51.100." + i)
              .exchange()
              .returnResult(String.class)
              .getStatus()
              .value());
    }

    assertThat(statuses.subList(0, BURST)).containsOnly(200);
    assertThat(statuses.subList(BURST, statuses.size())).containsOnly(429);
  }
}
