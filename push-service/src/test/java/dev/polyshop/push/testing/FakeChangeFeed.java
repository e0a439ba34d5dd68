package dev.polyshop.push.testing;

import com.google.protobuf.util.JsonFormat;
import com.google.protobuf.util.Timestamps;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.polyshop.catalog.v1.ChangeEvent;
import dev.polyshop.catalog.v1.ChangeFeedPage;
import dev.polyshop.catalog.v1.Money;
import dev.polyshop.catalog.v1.Product;
import dev.polyshop.catalog.v1.ProductDeleted;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * product-service's change feed as docs/change-feed.md describes it, on a real local HTTP port:
 * ordered positions, limit, long-poll wait, compaction.
 */
public final class FakeChangeFeed implements AutoCloseable {

  private static final Pattern PARAM = Pattern.compile("(after|limit|wait)=(\\d+)");
  private static final Pattern FEED = Pattern.compile("feed=([0-9a-f-]+)");

  private final List<ChangeEvent> events = new ArrayList<>();
  private final HttpServer server;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private long nextPosition = 1;
  private long serveThrough = Long.MAX_VALUE;
  private String feedId = UUID.randomUUID().toString();

  public FakeChangeFeed() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(executor);
    server.createContext("/products/changes", this::serve);
    server.start();
  }

  /** Base URL to pass as PRODUCT_SERVICE_URL. */
  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Appends an upsert of product {@code id} and returns its position. */
  public synchronized long upsert(
      String id, long version, long priceMinor, long stock, String category) {
    Product product =
        Product.newBuilder()
            .setId(id)
            .setSku("sku-" + id)
            .setName("Product " + id)
            .setCategory(category)
            .setBrand("Acme")
            .setPrice(Money.newBuilder().setAmountMinor(priceMinor).setCurrencyCode("EUR"))
            .setStock(stock)
            .setVersion(version)
            .build();
    return add(ChangeEvent.newBuilder().setProductId(id).setVersion(version).setUpsert(product));
  }

  /** Marks the last event appended as written in the trace {@code traceParent} names. */
  public synchronized void traceLast(String traceParent) {
    events.set(events.size() - 1, events.getLast().toBuilder().setTraceParent(traceParent).build());
  }

  /** Appends a delete tombstone of product {@code id}. */
  public synchronized long delete(String id, long version) {
    return add(
        ChangeEvent.newBuilder()
            .setProductId(id)
            .setVersion(version)
            .setDelete(ProductDeleted.newBuilder().setSku("sku-" + id)));
  }

  private long add(ChangeEvent.Builder event) {
    long position = nextPosition;
    nextPosition += 3; // positions are increasing, not contiguous
    events.add(
        event
            .setPosition(position)
            .setCommitTime(Timestamps.fromMillis(1_700_000_000_000L + position))
            .build());
    notifyAll();
    return position;
  }

  /**
   * Serves no event after {@code position} until {@link #release()}: a reader stays in its initial
   * read, told the real head but held before it.
   */
  public synchronized void holdAfter(long position) {
    serveThrough = position;
  }

  /** Serves everything again. */
  public synchronized void release() {
    serveThrough = Long.MAX_VALUE;
    notifyAll();
  }

  /**
   * Replaces the feed by a new, empty one with another id, as when product-service's database is
   * restored: positions start again from 1, and cursors of the old feed get 410 feed-replaced.
   */
  public synchronized void replace() {
    events.clear();
    nextPosition = 1;
    feedId = UUID.randomUUID().toString();
    notifyAll();
  }

  /** Compacts like product-service: only the newest event of each product stays. */
  public synchronized void compact() {
    List<ChangeEvent> kept = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      ChangeEvent event = events.get(i);
      boolean superseded =
          events.subList(i + 1, events.size()).stream()
              .anyMatch(later -> later.getProductId().equals(event.getProductId()));
      if (!superseded) {
        kept.add(event);
      }
    }
    events.clear();
    events.addAll(kept);
  }

  private void serve(HttpExchange exchange) throws IOException {
    long after = 0;
    int limit = 500;
    int wait = 0;
    Matcher m = PARAM.matcher(String.valueOf(exchange.getRequestURI().getRawQuery()));
    while (m.find()) {
      switch (m.group(1)) {
        case "after" -> after = Long.parseLong(m.group(2));
        case "limit" -> limit = Integer.parseInt(m.group(2));
        default -> wait = Integer.parseInt(m.group(2));
      }
    }
    Matcher feed = FEED.matcher(String.valueOf(exchange.getRequestURI().getRawQuery()));
    if (feed.find() && !feed.group(1).equals(currentFeedId())) {
      byte[] problem =
          "{\"type\":\"https://polyshop.dev/problems/feed-reset\",\"reason\":\"feed-replaced\"}"
              .getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/problem+json");
      exchange.sendResponseHeaders(410, problem.length);
      exchange.getResponseBody().write(problem);
      exchange.close();
      return;
    }
    byte[] body;
    try {
      body = JsonFormat.printer().print(page(after, limit, wait)).getBytes(StandardCharsets.UTF_8);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      exchange.sendResponseHeaders(503, -1);
      exchange.close();
      return;
    }
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, body.length);
    exchange.getResponseBody().write(body);
    exchange.close();
  }

  private synchronized ChangeFeedPage page(long after, int limit, int waitSeconds)
      throws InterruptedException {
    long deadline = System.currentTimeMillis() + waitSeconds * 1000L;
    while (head() <= after && System.currentTimeMillis() < deadline) {
      wait(Math.max(1, deadline - System.currentTimeMillis()));
    }
    while (after >= serveThrough && head() > after) {
      wait(50); // held: the reader is behind the head and cannot get further
    }
    ChangeFeedPage.Builder page = ChangeFeedPage.newBuilder().setNextPosition(after);
    for (ChangeEvent event : events) {
      if (event.getPosition() > after
          && event.getPosition() <= serveThrough
          && page.getEventsCount() < limit) {
        page.addEvents(event);
        page.setNextPosition(event.getPosition());
      }
    }
    return page.setHeadPosition(head()).setFeedId(feedId).build();
  }

  private synchronized String currentFeedId() {
    return feedId;
  }

  private long head() {
    return events.isEmpty() ? 0 : events.getLast().getPosition();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
