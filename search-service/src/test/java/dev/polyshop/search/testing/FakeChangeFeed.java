package dev.polyshop.search.testing;

import com.google.protobuf.util.JsonFormat;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.polyshop.catalog.v1.ChangeEvent;
import dev.polyshop.catalog.v1.ChangeFeedPage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * product-service's change feed, faked on a real local HTTP port: a list of events served by {@code
 * after}/{@code limit} with long-polling, plus switches for outages and resets.
 */
public final class FakeChangeFeed implements AutoCloseable {

  private final HttpServer server;
  private final List<ChangeEvent> log = new CopyOnWriteArrayList<>();
  private final List<Long> requestedAfter = new CopyOnWriteArrayList<>();
  private final AtomicBoolean goneOnce = new AtomicBoolean();
  private volatile boolean down;
  private volatile boolean closed;
  private volatile CountDownLatch gate = new CountDownLatch(0);

  private FakeChangeFeed() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/products/changes", this::handle);
    server.start();
  }

  public static FakeChangeFeed start(List<ChangeEvent> events) throws IOException {
    FakeChangeFeed feed = new FakeChangeFeed();
    feed.log.addAll(events);
    return feed;
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Appends events (positions must grow). */
  public synchronized void append(ChangeEvent... events) {
    log.addAll(List.of(events));
    notifyAll();
  }

  /** Replaces the whole log, as compaction would. */
  public synchronized void replaceLog(List<ChangeEvent> events) {
    log.clear();
    log.addAll(events);
  }

  /** The {@code after} of every request so far, in order. */
  public List<Long> requestedAfter() {
    return List.copyOf(requestedAfter);
  }

  /** Holds every request until {@link #release()}. */
  public void hold() {
    gate = new CountDownLatch(1);
  }

  public void release() {
    gate.countDown();
  }

  /** Answers 503 while down, like an unreachable product-service. */
  public void setDown(boolean down) {
    this.down = down;
  }

  /** The next request with a non-zero cursor gets 410 Gone. */
  public void goneOnNextResume() {
    goneOnce.set(true);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      Map<String, String> params = params(exchange.getRequestURI().getRawQuery());
      long after = Long.parseLong(params.getOrDefault("after", "0"));
      int limit = Integer.parseInt(params.getOrDefault("limit", "500"));
      long waitSeconds = Long.parseLong(params.getOrDefault("wait", "0"));
      requestedAfter.add(after);
      gate.await(10, TimeUnit.SECONDS);
      if (down) {
        respond(exchange, 503, "{}");
      } else if (after > 0 && goneOnce.compareAndSet(true, false)) {
        respond(exchange, 410, "{\"type\":\"https://polyshop.dev/problems/feed-reset\"}");
      } else {
        respond(exchange, 200, JsonFormat.printer().print(page(after, limit, waitSeconds)));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private synchronized ChangeFeedPage page(long after, int limit, long waitSeconds)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Math.min(waitSeconds, 1));
    List<ChangeEvent> events = newer(after, limit);
    while (events.isEmpty() && !closed && System.nanoTime() < deadline) {
      wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
      events = newer(after, limit);
    }
    long head = log.stream().mapToLong(ChangeEvent::getPosition).max().orElse(0);
    long next = events.isEmpty() ? after : events.getLast().getPosition();
    return ChangeFeedPage.newBuilder()
        .addAllEvents(events)
        .setNextPosition(next)
        .setHeadPosition(Math.max(head, next))
        .build();
  }

  private List<ChangeEvent> newer(long after, int limit) {
    return new ArrayList<>(log.stream().filter(e -> e.getPosition() > after).limit(limit).toList());
  }

  private static Map<String, String> params(String query) {
    if (query == null) {
      return Map.of();
    }
    return Stream.of(query.split("&"))
        .map(pair -> pair.split("=", 2))
        .collect(Collectors.toMap(kv -> kv[0], kv -> kv.length > 1 ? kv[1] : ""));
  }

  private static void respond(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  @Override
  public void close() {
    synchronized (this) {
      closed = true;
      notifyAll();
    }
    gate.countDown();
    server.stop(0);
  }
}
