package dev.polyshop.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Behind a trusted proxy (here: the loopback peer), the client is the rightmost {@code
 * X-Forwarded-For} address that is not itself a trusted proxy; what a client prepends is ignored.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "management.server.port=0",
      "spring.profiles.active=dev",
      "polyshop.gateway.edge.trusted-proxies=127.0.0.1/32,10.0.0.0/8",
      "polyshop.gateway.rate-limit.store=memory",
      "polyshop.gateway.rate-limit.replenish-rate=1",
      "polyshop.gateway.rate-limit.requested-tokens=60",
      "polyshop.gateway.rate-limit.burst-capacity=300",
      "polyshop.gateway.grpc.tls.enabled=false",
      "logging.level.polyshop.access=WARN"
    })
class TrustedProxyIntegrationTests {

  private static final int BURST = 5;

  @LocalServerPort int port;

  private List<Integer> send(int count, String forwardedFor) {
    var client = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      statuses.add(
          client
              .get()
              .uri("/api/ping")
              .header("X-Forwarded-For", forwardedFor.replace("{i}", Integer.toString(i)))
              .exchange()
              .returnResult(String.class)
              .getStatus()
              .value());
    }
    return statuses;
  }

  @Test
  void eachForwardedClient_hasItsOwnBucket() {
    assertThat(send(3 * BURST, "192.0.2.{i}")).containsOnly(200);
  }

  @Test
  void oneForwardedClient_isLimited_whateverItPrependsAndBehindHowManyTrustedHops() {
    List<Integer> statuses = send(3 * BURST, "203.0.113.{i}, 198.51.100.7, 10.1.2.3");

    assertThat(statuses.subList(0, BURST)).containsOnly(200);
    assertThat(statuses.subList(BURST, statuses.size())).containsOnly(429);
  }
}
