package dev.polyshop.gateway.testing;

import dev.polyshop.gateway.security.DevToken;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Base of the tests that share one running gateway (random port) in front of {@link FakeUpstreams}.
 * Timeouts are short so that timeout tests are quick; the rate limit is out of the way.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.cloud.gateway.server.webflux.httpclient.connect-timeout=500",
      "spring.cloud.gateway.server.webflux.httpclient.response-timeout=1s",
      "polyshop.gateway.grpc.deadline=500ms",
      "management.server.port=0",
      // The tests sign with the public development secret, which only the dev profile accepts.
      "spring.profiles.active=dev",
      "polyshop.gateway.grpc.tls.port=0",
      "polyshop.gateway.grpc.tls.host=127.0.0.1",
      "polyshop.gateway.grpc.tls.self-signed-directory=target/test-tls",
      "polyshop.gateway.rate-limit.replenish-rate=1000000",
      "polyshop.gateway.rate-limit.burst-capacity=10000000",
      "polyshop.gateway.products.breaker.sliding-window-size=4",
      "polyshop.gateway.products.breaker.minimum-number-of-calls=4",
      "polyshop.gateway.products.breaker.wait-in-open-state=1s",
      "polyshop.gateway.products.breaker.permitted-calls-in-half-open-state=1",
      "logging.level.polyshop.access=WARN"
    })
public abstract class GatewayHarness {

  protected static final FakeUpstreams upstreams = FakeUpstreams.get();

  @LocalServerPort protected int port;

  @LocalManagementPort protected int managementPort;

  @Autowired private ReactiveResilience4JCircuitBreakerFactory breakers;

  protected WebTestClient client;

  @DynamicPropertySource
  static void upstreams(DynamicPropertyRegistry registry) {
    registry.add("polyshop.gateway.upstreams.products", upstreams::productsUri);
    registry.add("polyshop.gateway.grpc.search-target", upstreams::searchTarget);
    registry.add("polyshop.gateway.grpc.push-target", upstreams::pushTarget);
  }

  @BeforeEach
  void resetUpstreams() {
    upstreams.products.resetAll();
    upstreams.search.reset();
    upstreams.push.reset();
    // find, not circuitBreaker(name): that would create the breaker with the default config.
    breakers.getCircuitBreakerRegistry().find("products").ifPresent(CircuitBreaker::reset);
    client =
        WebTestClient.bindToServer()
            .baseUrl(baseUrl())
            .responseTimeout(Duration.ofSeconds(10))
            .build();
  }

  protected String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  protected static String writeToken() {
    return DevToken.mint(
        DevToken.DEVELOPMENT_SECRET, "tester", "products:write", Duration.ofMinutes(5));
  }
}
