package dev.polyshop.system.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiPredicate;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * An EventSource as a browser runs it: {@code GET /api/events} with an optional {@code
 * Last-Event-ID} (and, as a non-browser client can, a bearer token for private topics), parsed into
 * events on a background thread until the server ends the stream.
 */
public final class SseStream implements AutoCloseable {

  /** One dispatched event; a comment (the gateway's heartbeat) has type {@code ":"}. */
  public record Event(String id, String type, String data) {
    boolean isComment() {
      return type.equals(":");
    }
  }

  private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
  private final CountDownLatch opened = new CountDownLatch(1);
  private volatile String lastEventId;
  private final CompletableFuture<Void> ended = new CompletableFuture<>();
  private final Stream<String> lines;

  private SseStream(Stream<String> lines) {
    this.lines = lines;
    Thread.ofVirtual().name("sse-reader").start(this::read);
  }

  /** Opens a stream; {@code lastEventId} and {@code token} (for private topics) may be null. */
  public static SseStream open(
      HttpClient client, String gatewayUrl, String topics, String lastEventId, String token)
      throws Exception {
    var request =
        HttpRequest.newBuilder(URI.create(gatewayUrl + "/api/events?topics=" + topics))
            .header("Accept", "text/event-stream");
    if (lastEventId != null) {
      request.header("Last-Event-ID", lastEventId);
    }
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    var response = client.send(request.build(), HttpResponse.BodyHandlers.ofLines());
    if (response.statusCode() != 200) {
      throw new AssertionError("GET /api/events answered " + response.statusCode());
    }
    return new SseStream(response.body());
  }

  /**
   * Whether the first line arrived: push-service starts every stream with a heartbeat, so the
   * upstream subscription exists once this is true.
   */
  public boolean awaitOpen(Duration within) throws InterruptedException {
    return opened.await(within.toNanos(), TimeUnit.NANOSECONDS);
  }

  /**
   * The id a browser would send as {@code Last-Event-ID} on reconnect: the newest id received, from
   * an event or from a message without data (the gateway's heartbeat), once one came.
   */
  public String awaitLastEventId(Duration within) throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    while (lastEventId == null && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    return lastEventId;
  }

  /** The next event or comment, or {@code null} when none came within the time. */
  public Event next(Duration within) throws InterruptedException {
    Event event = events.poll(within.toNanos(), TimeUnit.NANOSECONDS);
    if (event != null) {
      System.out.println("sse< " + event);
    }
    return event;
  }

  /** Events (comments skipped) of the given type until {@code count} arrived or time ran out. */
  public List<Event> take(String type, int count, Duration within) throws InterruptedException {
    return takeUntil(type, (taken, event) -> taken.size() == count, within);
  }

  /**
   * Events (comments skipped) of the given type up to and including the first that matches {@code
   * last}, or as many as came before time ran out.
   */
  public List<Event> takeUntil(String type, Predicate<Event> last, Duration within)
      throws InterruptedException {
    return takeUntil(type, (taken, event) -> last.test(event), within);
  }

  private List<Event> takeUntil(String type, BiPredicate<List<Event>, Event> done, Duration within)
      throws InterruptedException {
    List<Event> taken = new ArrayList<>();
    long deadline = System.nanoTime() + within.toNanos();
    for (long left = within.toNanos(); left > 0; left = deadline - System.nanoTime()) {
      Event event = next(Duration.ofNanos(left));
      if (event != null && event.type().equals(type)) {
        taken.add(event);
        if (done.test(taken, event)) {
          break;
        }
      }
    }
    return taken;
  }

  /**
   * Whether the server ended the stream (cleanly or by dropping the connection) within the time.
   */
  public boolean awaitEnd(Duration within) {
    try {
      ended.get(within.toNanos(), TimeUnit.NANOSECONDS);
      return true;
    } catch (Exception notYet) {
      return false;
    }
  }

  @Override
  public void close() {
    lines.close();
  }

  private void read() {
    String id = null;
    String type = "message";
    StringBuilder data = new StringBuilder();
    try {
      for (var iterator = lines.iterator(); iterator.hasNext(); ) {
        String line = iterator.next();
        opened.countDown();
        if (line.isEmpty()) {
          if (id != null) {
            lastEventId = id;
          }
          // As in a browser, a message without data updates the last event id and no more.
          if (!data.isEmpty()) {
            events.add(new Event(id, type, data.toString()));
          }
          id = null;
          type = "message";
          data.setLength(0);
        } else if (line.startsWith(":")) {
          events.add(new Event(null, ":", line.substring(1).strip()));
        } else if (line.startsWith("id:")) {
          id = line.substring(3).strip();
        } else if (line.startsWith("event:")) {
          type = line.substring(6).strip();
        } else if (line.startsWith("data:")) {
          data.append(data.isEmpty() ? "" : "\n").append(line.substring(5).strip());
        }
      }
    } catch (RuntimeException droppedConnection) {
      // An upstream that dies mid-stream may end the response without its last chunk.
    } finally {
      ended.complete(null);
    }
  }
}
