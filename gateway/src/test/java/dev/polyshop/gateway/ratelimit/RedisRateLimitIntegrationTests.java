package dev.polyshop.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;

/**
 * Buckets in a real Redis (Testcontainers): chosen automatically when {@code spring.data.redis.url}
 * is set; five requests, then one a minute.
 */
@Testcontainers
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "management.server.port=0",
      "spring.profiles.active=dev",
      "polyshop.gateway.rate-limit.replenish-rate=1",
      "polyshop.gateway.rate-limit.requested-tokens=60",
      "polyshop.gateway.rate-limit.burst-capacity=300",
      "polyshop.gateway.grpc.tls.enabled=false",
      "spring.data.redis.timeout=2s",
      "spring.data.redis.connect-timeout=2s",
      "logging.level.polyshop.access=WARN"
    })
class RedisRateLimitIntegrationTests {

  @Container
  static final GenericContainer<?> redis =
      new GenericContainer<>(DockerImageName.parse("redis:7")).withExposedPorts(6379);

  @DynamicPropertySource
  static void redisUrl(DynamicPropertyRegistry registry) {
    registry.add(
        "spring.data.redis.url",
        () -> "redis://" + redis.getHost() + ":" + redis.getMappedPort(6379));
  }

  @LocalServerPort int port;

  @Autowired ReactiveStringRedisTemplate redisTemplate;

  @Test
  void burstBeyondTheLimit_givesExactlyBurstSuccesses_withBucketsInRedis() {
    // Open the shared connection first: a cold first connect must not count as "Redis down".
    redisTemplate.getConnectionFactory().getReactiveConnection().ping().block();
    var client = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
    List<Integer> statuses = new ArrayList<>();

    for (int i = 0; i < 8; i++) {
      statuses.add(client.get().uri("/api/ping").exchange().returnResult().getStatus().value());
    }

    assertThat(statuses).containsExactly(200, 200, 200, 200, 200, 429, 429, 429);
    assertThat(redisKeys()).anyMatch(key -> key.contains("ip:127.0.0.1"));
  }

  private static List<String> redisKeys() {
    try {
      var result = redis.execInContainer("redis-cli", "--scan");
      return List.of(result.getStdout().split("\\R"));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
