package dev.polyshop.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.JwtException;

class DevTokenTest {

  private final SecurityConfig config = new SecurityConfig();

  @Test
  void mintedToken_isAcceptedByTheGatewaysDefaultDecoder_withSubjectAndWriteScope() {
    var decoder =
        config.jwtDecoder(new JwtProperties(DevToken.DEVELOPMENT_SECRET, null, "products:write"));

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
        config.jwtDecoder(
            new JwtProperties("a-production-secret-of-at-least-32-bytes!", null, "products:write"));
    String devToken =
        DevToken.mint(
            DevToken.DEVELOPMENT_SECRET, "alice", "products:write", Duration.ofMinutes(1));

    assertThatThrownBy(() -> decoder.decode(devToken).block()).isInstanceOf(JwtException.class);
  }

  @Test
  void shortSecret_isRefusedAtStartup() {
    assertThatThrownBy(() -> config.jwtDecoder(new JwtProperties("short", null, "w")))
        .isInstanceOf(IllegalStateException.class);
  }
}
