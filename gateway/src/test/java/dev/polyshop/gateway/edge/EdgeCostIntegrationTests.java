package dev.polyshop.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import dev.polyshop.gateway.testing.GatewayHarness;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

/** What keeps the edge's per-request cost down stays in place. */
class EdgeCostIntegrationTests extends GatewayHarness {

  @Autowired MeterRegistry meters;

  @Test
  void theAccessLog_isWrittenByABackgroundThread() {
    Logger access =
        ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger("polyshop.access");
    List<Object> appenders = new ArrayList<>();
    access.iteratorForAppenders().forEachRemaining(appenders::add);

    assertThat(appenders).singleElement().isInstanceOf(AsyncAppender.class);
    assertThat(access.isAdditive()).as("no second, synchronous copy through the root").isFalse();
  }

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
