package dev.polyshop.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyshop.gateway.GatewayApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The public development secret only ever works in the dev profile: production mode refuses it. */
class DevSecretStartupIntegrationTests {

  private static SpringApplicationBuilder gateway(String... properties) {
    return new SpringApplicationBuilder(GatewayApplication.class)
        .properties(
            "server.port=0",
            "management.server.port=0",
            "polyshop.gateway.grpc.tls.enabled=false",
            "logging.level.polyshop.access=WARN")
        .properties(properties);
  }

  @Test
  void developmentSecret_withoutDevProfile_refusesToStart() {
    assertThatThrownBy(() -> gateway().run().close()).hasStackTraceContaining("development secret");
  }

  @Test
  void developmentSecret_inProdProfile_refusesToStart() {
    assertThatThrownBy(() -> gateway().profiles("prod").run().close())
        .hasStackTraceContaining("development secret");
  }

  @Test
  void developmentSecret_inDevProfile_starts() {
    try (ConfigurableApplicationContext context = gateway().profiles("dev").run()) {
      assertThat(context.isRunning()).isTrue();
    }
  }

  @Test
  void ownSecret_withoutDevProfile_starts() {
    try (ConfigurableApplicationContext context =
        gateway("polyshop.security.jwt.secret=a-production-secret-of-at-least-32-bytes!").run()) {
      assertThat(context.isRunning()).isTrue();
    }
  }
}
