package dev.polyshop.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyshop.gateway.GatewayApplication;
import dev.polyshop.gateway.testing.GatewayHarness;
import dev.polyshop.gateway.testing.PrivateNettyResources;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The public development secret only ever works in the dev profile: production mode refuses it.
 * Each case starts (or fails to start) a gateway of its own beside the shared test gateway, on
 * ports of its own, and the shared one must go on serving once that one is closed.
 */
class DevSecretStartupIntegrationTests extends GatewayHarness {

  /** Command-line arguments, so that they win over application.yaml's fixed ports. */
  private static ConfigurableApplicationContext start(String... arguments) {
    String[] always = {
      "--server.port=0",
      "--management.server.port=0",
      "--polyshop.gateway.grpc.tls.enabled=false",
      "--logging.level.polyshop.access=WARN"
    };
    return new SpringApplicationBuilder(GatewayApplication.class, PrivateNettyResources.class)
        .run(Stream.concat(Stream.of(always), Stream.of(arguments)).toArray(String[]::new));
  }

  @AfterEach
  void sharedGateway_stillServes() {
    client.get().uri("/api/ping").exchange().expectStatus().isOk();
    WebTestClient.bindToServer()
        .baseUrl("http://127.0.0.1:" + managementPort)
        .build()
        .get()
        .uri("/actuator/health/liveness")
        .exchange()
        .expectStatus()
        .isOk();
  }

  @Test
  void developmentSecret_withoutDevProfile_refusesToStart() {
    assertThatThrownBy(() -> start().close()).hasStackTraceContaining("development secret");
  }

  @Test
  void developmentSecret_inProdProfile_refusesToStart() {
    assertThatThrownBy(() -> start("--spring.profiles.active=prod").close())
        .hasStackTraceContaining("development secret");
  }

  @Test
  void developmentSecret_inDevProfile_starts() {
    try (ConfigurableApplicationContext context = start("--spring.profiles.active=dev")) {
      assertThat(context.isRunning()).isTrue();
      assertThat(context.getEnvironment().getProperty("local.server.port", Integer.class))
          .isNotEqualTo(8080);
    }
  }

  @Test
  void ownSecret_withoutDevProfile_starts() {
    try (ConfigurableApplicationContext context =
        start("--polyshop.security.jwt.secret=a-production-secret-of-at-least-32-bytes!")) {
      assertThat(context.isRunning()).isTrue();
    }
  }
}
