package dev.polyshop.gateway.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyshop.gateway.security.DevToken;
import dev.polyshop.gateway.testing.GatewayHarness;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Who may read which topic over {@code GET /api/events}: the same rule as native Subscribe. */
class EventsAccessIntegrationTests extends GatewayHarness {

  private HttpClient http;

  @BeforeEach
  void openClient() {
    http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  }

  @AfterEach
  void closeClient() {
    http.close();
  }

  @Test
  void privateTopic_withoutToken_isUnauthorizedProblem_andNeverSubscribes() throws Exception {
    Answer response = send("/api/events?topics=order.alice.finite", null);

    assertProblem(response, 401, "unauthorized");
    assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    assertThat(response.body()).contains("order.alice.finite");
    assertThat(upstreams.push.subscriptions.get()).isZero();
  }

  @Test
  void malformedTopic_isABadRequestNamingIt_beforeAnyTokenIsAsked() throws Exception {
    Answer response = send("/api/events?topics=deals,Order.Alice", null);

    assertProblem(response, 400, "bad-request");
    assertThat(response.body()).contains("Order.Alice").contains("[a-z0-9._:-]");
    assertThat(upstreams.push.subscriptions.get()).isZero();
  }

  @Test
  void privateTopicNextToPublicOnes_withoutToken_isUnauthorized() throws Exception {
    Answer response = send("/api/events?topics=deals&topics=product.p1,cart.bob", null);

    assertProblem(response, 401, "unauthorized");
    assertThat(upstreams.push.subscriptions.get()).isZero();
  }

  @Test
  void privateTopic_withAnotherSubjectsToken_isForbiddenProblemNamingTheTopic() throws Exception {
    Answer response = send("/api/events?topics=order.bob.1,order.alice.finite", token("bob"));

    assertProblem(response, 403, "forbidden");
    assertThat(response.body()).contains("order.alice.finite").doesNotContain("order.bob.1");
    assertThat(upstreams.push.subscriptions.get()).isZero();
  }

  @Test
  void privateTopic_withTheOwnersToken_streams() throws Exception {
    List<String> lines =
        readAll("/api/events?topics=order.alice.finite,order.alice&lastEventId=3", token("alice"));

    assertThat(upstreams.push.lastSubscribe.get().getTopicsList())
        .containsExactly("order.alice.finite", "order.alice");
    assertThat(lines)
        .contains("id:4")
        .anyMatch(line -> line.contains("\"topic\":\"order.alice.finite\""));
  }

  @Test
  void publicTopics_needNoToken_andAcceptAValidOne() throws Exception {
    assertThat(readAll("/api/events?topics=product.finite,deals", null)).contains("id:5");
    assertThat(readAll("/api/events?topics=product.finite", token("alice"))).contains("id:5");
  }

  @Test
  void invalidOrExpiredToken_isUnauthorized_evenForPublicTopics() throws Exception {
    String forged =
        DevToken.mint(
            "someone-elses-secret-that-is-long-enough!!", "alice", "", Duration.ofHours(1));
    String expired =
        DevToken.mint(DevToken.DEVELOPMENT_SECRET, "alice", "", Duration.ofMinutes(-5));

    for (String token : List.of(forged, expired, "not-a-jwt")) {
      Answer response = send("/api/events?topics=deals", token);

      assertProblem(response, 401, "unauthorized");
      assertThat(response.headers().firstValue("WWW-Authenticate").orElse(""))
          .contains("invalid_token");
    }
    assertThat(upstreams.push.subscriptions.get()).isZero();
  }

  private static String token(String subject) {
    return DevToken.mint(DevToken.DEVELOPMENT_SECRET, subject, "", Duration.ofMinutes(5));
  }

  private static void assertProblem(Answer response, int status, String slug) {
    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(response.body())
        .contains("\"status\":" + status)
        .contains("\"type\":\"https://polyshop.dev/problems/" + slug + "\"")
        .contains("\"instance\":\"/api/events\"");
  }

  private HttpRequest request(String path, String token) {
    var builder =
        HttpRequest.newBuilder(URI.create(baseUrl() + path))
            .header("Accept", "text/event-stream")
            .timeout(Duration.ofSeconds(10));
    if (token != null) {
      builder.header("Authorization", "Bearer " + token);
    }
    return builder.build();
  }

  /** An answer that should be a problem; a stream (the hole) is cut off instead of read forever. */
  private Answer send(String path, String token) throws Exception {
    var response = http.send(request(path, token), HttpResponse.BodyHandlers.ofInputStream());
    try (var body = response.body()) {
      boolean stream =
          response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream");
      String text = stream ? "" : new String(body.readAllBytes(), StandardCharsets.UTF_8);
      return new Answer(response.statusCode(), response.headers(), text);
    }
  }

  private record Answer(int statusCode, HttpHeaders headers, String body) {}

  /** Reads a stream the fake ends by itself (a first topic ending in {@code finite}). */
  private List<String> readAll(String path, String token) throws Exception {
    var response = http.send(request(path, token), HttpResponse.BodyHandlers.ofInputStream());
    assertThat(response.statusCode()).isEqualTo(200);
    try (var reader =
        new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      return reader.lines().toList();
    }
  }
}
