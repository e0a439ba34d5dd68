package dev.polyshop.gateway.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyshop.gateway.testing.GatewayHarness;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EventsBridgeIntegrationTests extends GatewayHarness {

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
  void events_arriveInOrder_asSse_withIdTypeAndJsonData_thenResetAndEnd() throws Exception {
    List<String> lines = readAll("/api/events?topics=product.finite");

    assertThat(lines)
        .containsSubsequence(
            ": heartbeat",
            "id:1",
            "event:price.dropped",
            "data:{\"id\":\"1\",\"topic\":\"product.finite\",\"type\":\"price.dropped\","
                + "\"time\":\"2023-11-14T22:13:20Z\",\"data\":{\"seq\":1}}",
            "id:2",
            "id:3",
            "id:4",
            "id:5",
            "event:reset",
            "data:{\"reason\":\"RESET_REASON_SLOW_CONSUMER\",\"resumeToken\":\"100\"}");
    assertThat(lines.stream().filter(line -> line.startsWith("id:")).toList())
        .containsExactly("id:0", "id:1", "id:2", "id:3", "id:4", "id:5", "id:100");
  }

  @Test
  void heartbeatWithResumeToken_isAnIdWithoutData_soBrowsersTakeItAsLastEventId() throws Exception {
    List<String> lines = readAll("/api/events?topics=product.finite&lastEventId=7");

    // A block without data: EventSource dispatches nothing but sets its last event id to 7.
    assertThat(lines).containsSequence("id:7", ": heartbeat", "");
    assertThat(lines).containsSubsequence(": heartbeat", "id:8");
  }

  @Test
  void lastEventIdHeader_becomesTheResumeToken() throws Exception {
    var request =
        request("/api/events?topics=product.finite,deals").header("Last-Event-ID", "41").build();

    List<String> lines = readAll(request);

    assertThat(upstreams.push.lastSubscribe.get().getResumeToken()).isEqualTo("41");
    assertThat(upstreams.push.lastSubscribe.get().getTopicsList())
        .containsExactly("product.finite", "deals");
    assertThat(lines).contains("id:42");
  }

  @Test
  void lastEventIdQueryParameter_becomesTheResumeToken() throws Exception {
    readAll("/api/events?topics=product.finite&lastEventId=7");

    assertThat(upstreams.push.lastSubscribe.get().getResumeToken()).isEqualTo("7");
  }

  @Test
  void rejectedSubscription_isProblemBeforeTheStreamStarts() throws Exception {
    HttpResponse<String> response =
        http.send(
            request("/api/events?topics=product.bad").build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(response.body()).contains("fake rejects topic product.bad");
  }

  @Test
  void missingTopics_isBadRequestProblem() throws Exception {
    HttpResponse<String> response =
        http.send(request("/api/events").build(), HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(upstreams.push.subscriptions.get()).isZero();
  }

  @Test
  void thousandConnectDisconnectCycles_leaveNoActiveSubscriberUpstream() throws Exception {
    for (int i = 0; i < 1_000; i++) {
      HttpResponse<InputStream> response =
          http.send(
              request("/api/events?topics=product.idle").build(),
              HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream body = response.body()) {
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(body.read()).isNotEqualTo(-1); // the stream is live upstream
      }
    }

    assertThat(upstreams.push.subscriptions.get()).isEqualTo(1_000);
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(upstreams.push.active.get()).isZero());
  }

  @Test
  void clientThatStopsReading_pushesBackUpstream_insteadOfGrowingGatewayMemory() throws Exception {
    try (var socket = new java.net.Socket("127.0.0.1", port)) {
      socket.setReceiveBufferSize(64 * 1024);
      socket
          .getOutputStream()
          .write(
              ("GET /api/events?topics=product.firehose HTTP/1.1\r\nHost: localhost\r\n"
                      + "Accept: text/event-stream\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      // Never read: the fake sends only while gRPC says the stream is ready, so its count stops
      // once the windows and buffers between it and this socket are full.
      long[] previous = {-1};
      Awaitility.await()
          .atMost(Duration.ofSeconds(15))
          .pollInterval(Duration.ofMillis(750))
          .until(
              () -> {
                long now = upstreams.push.firehoseSent.get();
                boolean stalled = now > 0 && now == previous[0];
                previous[0] = now;
                return stalled;
              });
      // ~1 KB per event: a bounded pipeline holds a few MB at most, never the whole stream.
      assertThat(upstreams.push.firehoseSent.get()).isLessThan(20_000);
    }
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(upstreams.push.active.get()).isZero());
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(baseUrl() + path))
        .header("Accept", "text/event-stream")
        .timeout(Duration.ofSeconds(10));
  }

  private List<String> readAll(String path) throws Exception {
    return readAll(request(path).build());
  }

  /** Reads a stream that the fake ends by itself (topic {@code finite}). */
  private List<String> readAll(HttpRequest request) throws Exception {
    HttpResponse<InputStream> response =
        http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElse(""))
        .startsWith("text/event-stream");
    List<String> lines = new ArrayList<>();
    try (var reader =
        new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      for (String line; (line = reader.readLine()) != null; ) {
        lines.add(line);
      }
    }
    return lines;
  }
}
