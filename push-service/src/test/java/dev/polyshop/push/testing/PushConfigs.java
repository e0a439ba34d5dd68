package dev.polyshop.push.testing;

import dev.polyshop.push.system.Config;
import java.util.HashMap;
import java.util.Map;

/** Configurations for tests: ephemeral ports, no feed, no metrics port unless asked for. */
public final class PushConfigs {

  /** The publisher token secret every test instance uses (see {@link ServiceTokens}). */
  public static final String PUBLISHER_SECRET = "push-service-test-publisher-secret-0123456789";

  private PushConfigs() {}

  /**
   * The defaults plus test-friendly settings, then {@code overrides} (key, value, key, value...).
   */
  public static Config of(String... overrides) {
    Map<String, String> env = new HashMap<>();
    env.put("PUSH_GRPC_PORT", "0");
    env.put("PUSH_INTERNAL_GRPC_PORT", "0");
    env.put("PUSH_PUBLISHER_JWT_SECRET", PUBLISHER_SECRET);
    env.put("PUSH_METRICS_PORT", "-1");
    env.put("PRODUCT_SERVICE_URL", "");
    env.put("PUSH_DELIVERY_THREADS", "2");
    env.put("PUSH_SHUTDOWN_GRACE", "1s");
    env.put("PUSH_FEED_WAIT", "1s");
    for (int i = 0; i < overrides.length; i += 2) {
      env.put(overrides[i], overrides[i + 1]);
    }
    return Config.from(env);
  }
}
