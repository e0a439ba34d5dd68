package dev.polyshop.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyshop.gateway.testing.GatewayHarness;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** What keeps the edge's per-request cost down stays in place. */
class EdgeCostIntegrationTests extends GatewayHarness {

  @Autowired MeterRegistry meters;

  @Test
  void aRequest_isObservedOnce_notOncePerSecurityPhase() {
    client.get().uri("/api/ping").exchange().expectStatus().isOk();

    // The observation stops after the response is sent, so the client can see the answer first.
    Awaitility.await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> !meters.find("http.server.requests").timers().isEmpty());
    assertThat(meters.find("spring.security.filterchains").timers()).isEmpty();
    assertThat(meters.find("spring.security.authorizations").timers()).isEmpty();
  }
}
