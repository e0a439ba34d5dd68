package dev.polyshop.gateway.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyshop.gateway.testing.FakePushService;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A push-service that allows only two calls per connection (push-service allows 2,000; the same
 * ceiling, scaled down): the gateway must serve subscribers past it over more connections, and
 * refuse one past its own bound with a problem — never leave it hanging. The bound here is 3, below
 * the two connections' 4 streams, as the open-file limit sets it below them on a real machine.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.profiles.active=dev",
      "management.server.port=0",
      "polyshop.gateway.grpc.tls.enabled=false",
      "polyshop.gateway.grpc.search-target=dns:///127.0.0.1:1",
      "polyshop.gateway.grpc.push-connections=2",
      "polyshop.gateway.grpc.push-calls-per-connection=2",
      "polyshop.gateway.grpc.max-subscribers=3",
      "polyshop.gateway.rate-limit.enabled=false",
      "logging.level.polyshop.access=WARN"
    })
class EventsCapacityIntegrationTests {

  private static final FakePushService push = new FakePushService();
  private static final Server pushServer = start();

  @LocalServerPort int port;

  private static Server start() {
    try {
      return NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
          .maxConcurrentCallsPerConnection(2)
          .addService(push)
          .build()
          .start();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @DynamicPropertySource
  static void pushTarget(DynamicPropertyRegistry registry) {
    registry.add(
        "polyshop.gateway.grpc.push-target", () -> "dns:///127.0.0.1:" + pushServer.getPort());
  }

  @AfterAll
  static void stop() {
    pushServer.shutdownNow();
  }

  @Test
  void subscribersBeyondOneConnectionsStreams_areServed_andOneBeyondTheBoundIsRefused()
      throws Exception {
    List<InputStream> streams = new ArrayList<>();
    HttpClient http = HttpClient.newHttpClient();
    try {
      for (int i = 1; i <= 3; i++) {
        HttpResponse<InputStream> response =
            http.send(events("product.idle-" + i), HttpResponse.BodyHandlers.ofInputStream());
        streams.add(response.body());
        assertThat(response.statusCode()).as("subscriber %d", i).isEqualTo(200);
        assertThat(response.body().read()).as("subscriber %d gets its stream", i).isNotEqualTo(-1);
      }

      HttpResponse<String> fourth =
          http.send(events("product.idle-4"), HttpResponse.BodyHandlers.ofString());
      assertThat(fourth.statusCode()).isEqualTo(503);
      assertThat(fourth.headers().firstValue("Content-Type")).hasValue("application/problem+json");
      assertThat(fourth.body()).contains("maximum of 3 calls");

      streams.removeFirst().close(); // one subscriber leaves: its place is free again
      Awaitility.await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(() -> assertThat(push.active.get()).isEqualTo(2));
      HttpResponse<InputStream> again =
          http.send(events("product.idle-5"), HttpResponse.BodyHandlers.ofInputStream());
      streams.add(again.body());
      assertThat(again.statusCode()).isEqualTo(200);
    } finally {
      for (InputStream stream : streams) {
        stream.close();
      }
      http.shutdownNow(); // close() would wait for the endless streams
    }
  }

  private HttpRequest events(String topic) {
    return HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + port + "/api/events?topics=" + topic))
        .header("Accept", "text/event-stream")
        .timeout(Duration.ofSeconds(5))
        .build();
  }
}
