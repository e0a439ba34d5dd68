package dev.polyshop.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyshop.gateway.GatewayApplication;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DevTokenCommandTest {

  @Test
  void mintDevTokenFlag_printsAValidWriteTokenInsteadOfStartingTheServer() {
    PrintStream original = System.out;
    var captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      GatewayApplication.main(new String[] {DevToken.FLAG, "carol", "PT1M"});
    } finally {
      System.setOut(original);
    }
    String token = captured.toString(StandardCharsets.UTF_8).trim();

    var jwt =
        JwtDecoders.create(JwtProperties.withSecret(DevToken.DEVELOPMENT_SECRET), true)
            .decode(token)
            .block();
    assertThat(jwt.getSubject()).isEqualTo("carol");
    assertThat(jwt.getClaimAsString("scope")).isEqualTo("products:write");
  }
}
