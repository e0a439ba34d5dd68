package dev.polyshop.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.JwtException;

class DevTokenTest {

  @Test
  void mintedToken_isAcceptedByTheGatewaysDefaultDecoder_withSubjectAndWriteScope() {
    var decoder = JwtDecoders.create(JwtProperties.withSecret(DevToken.DEVELOPMENT_SECRET), true);

    var jwt =
        decoder
            .decode(
                DevToken.mint(
                    DevToken.DEVELOPMENT_SECRET, "alice", "products:write", Duration.ofMinutes(1)))
            .block();

    assertThat(jwt.getSubject()).isEqualTo("alice");
    assertThat(jwt.getClaimAsString("scope")).isEqualTo("products:write");
  }

  @Test
  void tokenSignedWithAnotherSecret_isRejected() {
    var decoder =
        JwtDecoders.create(
            JwtProperties.withSecret("a-production-secret-of-at-least-32-bytes!"), true);
    String devToken =
        DevToken.mint(
            DevToken.DEVELOPMENT_SECRET, "alice", "products:write", Duration.ofMinutes(1));

    assertThatThrownBy(() -> decoder.decode(devToken).block()).isInstanceOf(JwtException.class);
  }

  @Test
  void shortSecret_isRefusedAtStartup() {
    assertThatThrownBy(() -> JwtDecoders.create(JwtProperties.withSecret("short"), true))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void developmentSecret_outsideDevMode_isRefusedAtStartup() {
    assertThatThrownBy(
            () -> JwtDecoders.create(JwtProperties.withSecret(DevToken.DEVELOPMENT_SECRET), false))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("development secret");
  }
}
