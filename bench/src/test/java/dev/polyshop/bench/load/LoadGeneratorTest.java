package dev.polyshop.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LoadGeneratorTest {

  private final AtomicInteger requests = new AtomicInteger();
  private final Map<String, Integer> byQuery = new ConcurrentHashMap<>();
  private HttpServer server;

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          requests.incrementAndGet();
          byQuery.merge(String.valueOf(exchange.getRequestURI().getRawQuery()), 1, Integer::sum);
          byte[] body = "{\"message\":\"pong\"}".getBytes(StandardCharsets.UTF_8);
          int status = exchange.getRequestURI().getPath().equals("/fail") ? 500 : 200;
          exchange.sendResponseHeaders(status, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  @Test
  void fixedRate_sendsExactlyRateTimesDuration_andCountsEveryAnswer() throws IOException {
    var generator = new LoadGenerator("127.0.0.1", server.getAddress().getPort(), "/ping");

    LoadResult result = generator.fixedRate(4, 200, Duration.ofMillis(500), Duration.ofSeconds(10));

    assertThat(result.completed()).isEqualTo(100);
    assertThat(result.errors()).isZero();
    assertThat(requests.get()).isEqualTo(100);
    assertThat(result.mode()).isEqualTo("fixed-rate");
  }

  @Test
  void non2xxAnswers_areErrors() throws IOException {
    var generator = new LoadGenerator("127.0.0.1", server.getAddress().getPort(), "/fail");

    LoadResult result = generator.fixedRate(2, 100, Duration.ofMillis(200), Duration.ofSeconds(10));

    assertThat(result.completed()).isZero();
    assertThat(result.errors()).isEqualTo(20);
  }

  @Test
  void saturation_keepsItsConnectionsBusy_andCompletesRequests() throws IOException {
    var generator = new LoadGenerator("127.0.0.1", server.getAddress().getPort(), "/ping");

    LoadResult result = generator.saturation(3, Duration.ofMillis(300));

    assertThat(result.completed()).isPositive();
    assertThat(result.errors()).isZero();
    assertThat(result.achievedRate()).isPositive();
    assertThat(requests.get()).isGreaterThanOrEqualTo((int) result.completed());
  }

  @Test
  void aMixOfPaths_isSentInTurn() throws IOException {
    var generator =
        new LoadGenerator(
            "127.0.0.1",
            server.getAddress().getPort(),
            List.of("/api/search?q=a", "/api/search?q=b%20c", "/api/search?q=d"));

    LoadResult result = generator.fixedRate(2, 300, Duration.ofMillis(500), Duration.ofSeconds(10));

    assertThat(result.completed()).isEqualTo(150);
    assertThat(byQuery)
        .containsOnly(Map.entry("q=a", 50), Map.entry("q=b%20c", 50), Map.entry("q=d", 50));
  }
}
