package dev.polyshop.gateway;

import dev.polyshop.gateway.security.DevToken;
import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Boots the Polyshop edge gateway (or, with {@code --mint-dev-token}, prints a development JWT).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class GatewayApplication {

  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals(DevToken.FLAG)) {
      DevToken.main(Arrays.copyOfRange(args, 1, args.length));
      return;
    }
    SpringApplication.run(GatewayApplication.class, args);
  }
}
