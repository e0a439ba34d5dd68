package dev.polyshop.feed;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.util.JsonFormat;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.polyshop.catalog.v1.ChangeEvent;
import dev.polyshop.catalog.v1.ChangeFeedPage;
import dev.polyshop.catalog.v1.Product;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Drives a follower against a fake feed on a real local HTTP port. */
class ChangeFeedFollowerTest {

  private static final String FEED_A = "0b3c8f47-5d6e-4a1b-9c2d-3e4f5a6b7c8d";
  private static final String FEED_B = "9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b";

  private static final FollowerSettings FAST =
      new FollowerSettings(2, Duration.ofSeconds(1), Duration.ofMillis(10), Duration.ofMillis(50));

  private final List<String> queries = new CopyOnWriteArrayList<>();
  private HttpServer server;
  private ChangeFeedFollower follower;

  @AfterEach
  void stop() throws Exception {
    if (follower != null) {
      follower.close();
    }
    server.stop(0);
  }

  @Test
  void follower_deliversEveryEventInOrder_andReportsCaughtUp() throws Exception {
    List<Long> feed = List.of(3L, 5L, 6L, 9L, 12L);
    serve(after -> page(feed, after, 2));
    var listener = new RecordingListener();

    follower = follow(listener, 0);

    awaitCondition(() -> listener.caughtUp.get() == 1);
    assertThat(listener.positions).containsExactlyElementsOf(feed);
    assertThat(follower.position()).isEqualTo(12);
    assertThat(follower.lag()).isZero();
  }

  @Test
  void lagSeconds_growsWhileTheListenerHoldsABatch_andIsZeroOnceCaughtUp() throws Exception {
    serve(after -> page(List.of(1L, 2L, 3L, 4L), after, 2));
    var release = new CountDownLatch(1);
    var listener =
        new RecordingListener() {
          @Override
          public void onEvents(List<ChangeEvent> events, FeedCursor next) {
            super.onEvents(events, next);
            try {
              release.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
        };

    follower = follow(listener, 0);

    awaitCondition(() -> follower.lagSeconds() >= 0.3);
    assertThat(follower.lag()).isEqualTo(4);
    release.countDown();
    awaitCondition(() -> listener.caughtUp.get() == 1);
    assertThat(follower.lagSeconds()).isZero();
  }

  @Test
  void follower_resumesAfterItsStartPosition() throws Exception {
    serve(after -> page(List.of(3L, 5L, 6L, 9L), after, 10));
    var listener = new RecordingListener();

    follower = follow(listener, 5);

    awaitCondition(() -> listener.caughtUp.get() == 1);
    assertThat(listener.positions).containsExactly(6L, 9L);
  }

  @Test
  void follower_retriesAfterServerErrors_withoutSkipping() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    serve(after -> calls.incrementAndGet() % 2 == 1 ? null : page(List.of(1L, 2L, 3L), after, 1));
    var listener = new RecordingListener();

    follower = follow(listener, 0);

    awaitCondition(() -> listener.caughtUp.get() == 1);
    assertThat(listener.positions).containsExactly(1L, 2L, 3L);
  }

  @Test
  void follower_onGone_resetsAndRebuildsFromZero() throws Exception {
    serve(after -> after == 7 ? "GONE" : page(List.of(2L, 4L), after, 5));
    var listener = new RecordingListener();

    follower = follow(listener, 7);

    awaitCondition(() -> listener.caughtUp.get() == 1);
    assertThat(listener.resets.get()).isEqualTo(1);
    assertThat(listener.resetReasons).containsExactly(FeedResetException.Reason.CURSOR_PURGED);
    assertThat(listener.positions).containsExactly(2L, 4L);
  }

  @Test
  void follower_adoptsTheFirstPagesFeedId_andSendsItWithEveryLaterRequest() throws Exception {
    serve(after -> page(List.of(1L, 2L, 3L), after, 2));
    var listener = new RecordingListener();

    follower = follow(listener, 0);

    awaitCondition(() -> listener.caughtUp.get() == 1);
    // A snapshot: the follower goes on long-polling, and a subList view of a growing list fails.
    List<String> sent = List.copyOf(queries);
    assertThat(sent.getFirst()).doesNotContain("feed=");
    assertThat(sent.subList(1, sent.size())).allMatch(q -> q.contains("feed=" + FEED_A));
    assertThat(listener.cursors).last().isEqualTo(new FeedCursor(FEED_A, 3));
  }

  @Test
  void follower_onGoneForAnotherFeed_passesTheReason_andRestartsWithoutAFeedId() throws Exception {
    serve(after -> after == 9 ? "GONE:feed-replaced" : page(List.of(2L, 4L), after, 5));
    var listener = new RecordingListener();

    follower = follow(listener, new FeedCursor(FEED_B, 9));

    awaitCondition(() -> listener.caughtUp.get() == 1);
    assertThat(queries.getFirst()).contains("feed=" + FEED_B).contains("after=9");
    assertThat(listener.resetReasons).containsExactly(FeedResetException.Reason.FEED_REPLACED);
    assertThat(listener.resetReasons.getFirst().positionsReused()).isTrue();
    assertThat(queries.get(1)).doesNotContain("feed=").contains("after=0");
    assertThat(listener.positions).containsExactly(2L, 4L);
    assertThat(follower.cursor()).isEqualTo(new FeedCursor(FEED_A, 4));
  }

  @Test
  void follower_pageOfAnotherFeed_isAResetEvenIfTheServerDidNotSaySo() throws Exception {
    serve(after -> page(List.of(5L, 6L), after, 5));
    var listener = new RecordingListener();

    follower = follow(listener, new FeedCursor(FEED_B, 3));

    awaitCondition(() -> listener.caughtUp.get() == 1);
    assertThat(listener.resetReasons).containsExactly(FeedResetException.Reason.FEED_REPLACED);
    assertThat(listener.positions).containsExactly(5L, 6L);
  }

  @Test
  void follower_retriesABatchTheListenerRejected() throws Exception {
    serve(after -> page(List.of(1L, 2L), after, 5));
    var listener = new RecordingListener();
    listener.failuresLeft.set(2);

    follower = follow(listener, 0);

    awaitCondition(() -> listener.caughtUp.get() == 1);
    assertThat(listener.positions).containsExactly(1L, 2L);
  }

  private ChangeFeedFollower follow(RecordingListener listener, long start) {
    return follow(listener, new FeedCursor(null, start));
  }

  private ChangeFeedFollower follow(RecordingListener listener, FeedCursor start) {
    var client =
        new ChangeFeedClient(
            URI.create("http://127.0.0.1:" + server.getAddress().getPort()), Duration.ofSeconds(2));
    return new ChangeFeedFollower(client, listener, FAST, start, "test-follower").start();
  }

  /**
   * Serves the feed: the function returns a JSON page, "GONE" (or "GONE:reason") for 410, or null
   * for 503.
   */
  private void serve(LongFunction<String> answer) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/products/changes",
        exchange -> {
          queries.add(query(exchange));
          long after = Long.parseLong(query(exchange).replaceAll(".*after=(\\d+).*", "$1"));
          String body = answer.apply(after);
          int status = body == null ? 503 : body.startsWith("GONE") ? 410 : 200;
          String sent =
              body == null
                  ? "{}"
                  : status == 410
                      ? "{\"type\":\"https://polyshop.dev/problems/feed-reset\",\"reason\":\""
                          + body.replaceFirst("GONE:?", "")
                          + "\"}"
                      : body;
          byte[] bytes = sent.getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(status, bytes.length);
          exchange.getResponseBody().write(bytes);
          exchange.close();
        });
    server.start();
  }

  private static String query(HttpExchange exchange) {
    return exchange.getRequestURI().getQuery();
  }

  private static String page(List<Long> feed, long after, int limit) {
    var page = ChangeFeedPage.newBuilder();
    feed.stream()
        .filter(p -> p > after)
        .limit(limit)
        .forEach(
            p ->
                page.addEvents(
                    ChangeEvent.newBuilder()
                        .setPosition(p)
                        .setProductId("p" + p)
                        .setVersion(1)
                        .setUpsert(Product.newBuilder().setId("p" + p))));
    long next =
        page.getEventsCount() == 0
            ? after
            : page.getEvents(page.getEventsCount() - 1).getPosition();
    page.setNextPosition(next).setHeadPosition(feed.getLast()).setFeedId(FEED_A);
    try {
      return JsonFormat.printer().print(page);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Waits for what the follower must eventually do; the bound only stops a broken follower from
   * hanging the build, so it is generous for a loaded 2-core CI machine (one run there took 8 s).
   */
  private static void awaitCondition(java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition within 30 s").isLessThan(deadline);
      Thread.sleep(10);
    }
  }

  private static class RecordingListener implements ChangeFeedListener {
    final List<Long> positions = new CopyOnWriteArrayList<>();
    final AtomicInteger resets = new AtomicInteger();
    final List<FeedResetException.Reason> resetReasons = new CopyOnWriteArrayList<>();
    final List<FeedCursor> cursors = new CopyOnWriteArrayList<>();
    final AtomicInteger caughtUp = new AtomicInteger();
    final AtomicInteger failuresLeft = new AtomicInteger();

    @Override
    public void onEvents(List<ChangeEvent> events, FeedCursor next) {
      if (failuresLeft.getAndDecrement() > 0) {
        throw new IllegalStateException("listener not ready");
      }
      events.forEach(e -> positions.add(e.getPosition()));
      cursors.add(next);
    }

    @Override
    public void onReset(FeedResetException reset) {
      resets.incrementAndGet();
      resetReasons.add(reset.reason());
      positions.clear();
    }

    @Override
    public void onCaughtUp() {
      caughtUp.incrementAndGet();
    }
  }
}
