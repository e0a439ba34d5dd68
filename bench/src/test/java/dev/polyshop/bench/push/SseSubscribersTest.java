package dev.polyshop.bench.push;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SseSubscribersTest {

  private final List<OutputStream> streams = new CopyOnWriteArrayList<>();
  private final AtomicInteger connections = new AtomicInteger();
  private final CountDownLatch stop = new CountDownLatch(1);
  private HttpServer server;

  @AfterEach
  void stopServer() {
    stop.countDown();
    if (server != null) {
      server.stop(0);
    }
  }

  @Test
  void everySubscriberReceivesEveryEvent_evenSplitAcrossWrites() throws Exception {
    start(Integer.MAX_VALUE, 200);
    try (var subscribers = subscribers(20, 2)) {
      subscribers.open();

      assertThat(subscribers.awaitSubscribed(Duration.ofSeconds(5))).isEqualTo(20);
      for (int i = 0; i < 2; i++) {
        subscribers.publishing(i);
        // The event line arrives in two writes: the subscriber must still see it once.
        broadcast("id:p-" + i + "\nevent:bench.fan");
        broadcast("out\ndata:{\"type\":\"bench.fanout\",\"data\":{\"se");
        broadcast("q\":" + i + "}}\n\n");
        assertThat(subscribers.awaitReceipts(i, 20, Duration.ofSeconds(5))).isEqualTo(20);
      }
      assertThat(FanOut.of(1, "sse", subscribers, 1, 2, 0, 0).complete()).isTrue();
    }
  }

  @Test
  void aResetInsteadOfAnEvent_isCountedAsAReset_notAReceipt() throws Exception {
    start(Integer.MAX_VALUE, 200);
    try (var subscribers = subscribers(5, 2)) {
      subscribers.open();
      assertThat(subscribers.awaitSubscribed(Duration.ofSeconds(5))).isEqualTo(5);

      subscribers.publishing(0);
      broadcast("id:p-0\nevent:reset\ndata:{\"reason\":\"RESET_REASON_SLOW_CONSUMER\"}\n\n");
      broadcast("id:p-1\nevent:bench.fanout\ndata:{\"data\":{\"seq\":0}}\n\n");
      assertThat(subscribers.awaitReceipts(0, 5, Duration.ofSeconds(5))).isEqualTo(5);

      var fanOut = FanOut.of(1, "sse", subscribers, 1, 1, 0, 0);
      assertThat(fanOut.resets()).isEqualTo(5);
      assertThat(fanOut.receipts()).isEqualTo(5);
    }
  }

  @Test
  void aSubscriberThatMissedAnEvent_hasTheLaterOnesCountedAsThemselves() throws Exception {
    start(Integer.MAX_VALUE, 200);
    try (var subscribers = subscribers(4, 3)) {
      subscribers.open();
      assertThat(subscribers.awaitSubscribed(Duration.ofSeconds(5))).isEqualTo(4);

      // Event 0 went out before these subscribers joined (or was lost to them): they get 1 and 2.
      subscribers.publishing(1);
      broadcast("id:p-1\nevent:bench.fanout\ndata:{\"data\":{\"seq\":1}}\n\n");
      subscribers.publishing(2);
      broadcast("id:p-2\nevent:bench.fanout\ndata:{\"data\":{\"seq\":2}}\n\n");

      assertThat(subscribers.awaitReceipts(2, 4, Duration.ofSeconds(5))).isEqualTo(4);
      assertThat(subscribers.awaitReceipts(1, 4, Duration.ofSeconds(5))).isEqualTo(4);
      assertThat(subscribers.awaitReceipts(0, 4, Duration.ofMillis(200))).isZero();
    }
  }

  @Test
  void subscribersLeftWithoutAFirstMessage_orRefused_failWithoutHanging() throws Exception {
    start(12, 200); // the 13th and later connections get headers at most, never a body
    try (var subscribers = subscribers(20, 1)) {
      subscribers.open();
      long began = System.nanoTime();

      int subscribed = subscribers.awaitSubscribed(Duration.ofMillis(700));

      assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(3));
      assertThat(subscribed).isEqualTo(12);
      assertThat(FanOut.of(1, "sse", subscribers, 1, 1, 0, 0).failed()).isEqualTo(8);
    }
  }

  @Test
  void aNon200Answer_isAFailedSubscriber() throws Exception {
    start(Integer.MAX_VALUE, 503);
    try (var subscribers = subscribers(3, 1)) {
      subscribers.open();

      assertThat(subscribers.awaitSubscribed(Duration.ofSeconds(5))).isZero();
      assertThat(subscribers.errors()).isEqualTo(3);
    }
  }

  @Test
  void seq_readsTheHarnessEventNumber() {
    assertThat(Subscribers.seq("{\"seq\":42}")).isEqualTo(42);
    assertThat(Subscribers.seq("{\"a\":1,\"seq\":7,\"b\":2}")).isEqualTo(7);
    assertThat(Subscribers.seq("{}")).isEqualTo(-1);
    assertThat(Subscribers.seq("{\"seq\":\"x\"}")).isEqualTo(-1);
  }

  @Test
  void dechunker_passesOnlyContent() {
    var d = new SseSubscribers.Dechunker();
    var content = new StringBuilder();
    for (byte b :
        "5\r\nhello\r\na;ext=1\r\n, world!!!\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII)) {
      if (d.isContent(b)) {
        content.append((char) b);
      }
    }
    assertThat(content).hasToString("hello, world!!!");
  }

  @Test
  void matcher_findsEveryOccurrence_includingOverlappingStarts() {
    var m = new SseSubscribers.Matcher("abab".getBytes(StandardCharsets.US_ASCII));
    int found = 0;
    for (byte b : "xabababxabab".getBytes(StandardCharsets.US_ASCII)) {
      found += m.next(b) ? 1 : 0;
    }
    assertThat(found).isEqualTo(3);
  }

  private SseSubscribers subscribers(int n, int events) throws IOException {
    return new SseSubscribers(
        "127.0.0.1", server.getAddress().getPort(), "/api/events?topics=bench.fanout", n, events);
  }

  private void broadcast(String text) throws IOException {
    for (OutputStream out : streams) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
      out.flush();
    }
  }

  private void start(int answered, int status) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 100);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/api/events", exchange -> serve(exchange, answered, status));
    server.start();
  }

  private void serve(HttpExchange exchange, int answered, int status) throws IOException {
    exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
    if (status != 200) {
      exchange.sendResponseHeaders(status, -1);
      exchange.close();
      return;
    }
    exchange.sendResponseHeaders(200, 0);
    OutputStream out = exchange.getResponseBody();
    if (connections.incrementAndGet() <= answered) {
      out.write(":heartbeat\nid:p-0\n\n".getBytes(StandardCharsets.UTF_8));
      out.flush();
      streams.add(out);
    }
    try {
      stop.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
