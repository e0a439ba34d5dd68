package dev.polyshop.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyshop.gateway.security.DevToken;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Own context: a small bucket (20 requests, refilling one request per minute) on memory. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "management.server.port=0",
      "spring.profiles.active=dev",
      "polyshop.gateway.rate-limit.store=memory",
      "polyshop.gateway.rate-limit.replenish-rate=1",
      "polyshop.gateway.rate-limit.requested-tokens=60",
      "polyshop.gateway.rate-limit.burst-capacity=1200",
      "polyshop.gateway.grpc.tls.enabled=false",
      "logging.level.polyshop.access=WARN"
    })
class RateLimitIntegrationTests {

  private static final int BURST = 20;

  @LocalServerPort int port;
  @Autowired MeterRegistry meters;

  @Test
  void burstBeyondTheLimit_givesExactlyBurstSuccesses_andTooManyRequestsProblemsForTheRest() {
    var client = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
    List<Integer> statuses = new ArrayList<>();
    EntityExchangeResult<byte[]> lastDenied = null;

    for (int i = 0; i < 50; i++) {
      var result = client.get().uri("/api/ping").exchange().expectBody().returnResult();
      statuses.add(result.getStatus().value());
      if (result.getStatus().value() == 429) {
        lastDenied = result;
      }
    }

    assertThat(statuses.stream().filter(s -> s == 200)).hasSize(BURST);
    assertThat(statuses.stream().filter(s -> s == 429)).hasSize(50 - BURST);
    assertThat(statuses.subList(0, BURST)).containsOnly(200);
    assertThat(lastDenied.getResponseHeaders().getFirst("Retry-After")).isEqualTo("60");
    assertThat(lastDenied.getResponseHeaders().getContentType())
        .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(new String(lastDenied.getResponseBody())).contains("\"status\":429");
    assertThat(
            meters
                .get("polyshop.gateway.rate.limit.rejections")
                .tag("edge", "http")
                .counter()
                .count())
        .isEqualTo(50 - BURST);

    // A client with a valid token is keyed by its subject, not the shared address.
    String token =
        DevToken.mint(
            DevToken.DEVELOPMENT_SECRET, "alice", "products:write", Duration.ofMinutes(5));
    client
        .get()
        .uri("/api/ping")
        .header("Authorization", "Bearer " + token)
        .exchange()
        .expectStatus()
        .isOk();
  }
}
