package dev.polyshop.system.testing;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.polyshop.push.v1.PublishRequest;
import dev.polyshop.push.v1.PushServiceGrpc;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.containers.GenericContainer;

/**
 * The whole shop in containers for one test class, and what its tests do with it through the
 * gateway: HTTP with a write token, SSE subscriptions, internal publishing, metrics of each
 * replica.
 */
public abstract class ShopHarness {

  protected static PolyshopSystem system;
  protected static Http http;
  protected static String token;

  @BeforeAll
  protected static void startShop() throws Exception {
    system = new PolyshopSystem();
    system.start();
    token = system.mintToken();
    http = new Http(system.gatewayUrl(), token);
  }

  @AfterAll
  protected static void stopShop() {
    system.stop();
  }

  protected static long millisSince(long nanoTime) {
    return (System.nanoTime() - nanoTime) / 1_000_000;
  }

  protected static String startedAt(GenericContainer<?> container) {
    return container
        .getDockerClient()
        .inspectContainerCmd(container.getContainerId())
        .exec()
        .getState()
        .getStartedAt();
  }

  protected static void awaitStatus(String path, int status, Duration within) throws Exception {
    long deadline = System.nanoTime() + within.toNanos();
    while (true) {
      try {
        if (http.get(path).statusCode() == status) {
          return;
        }
      } catch (java.io.IOException retry) {
        // not there yet
      }
      assertThat(System.nanoTime()).as(path + " answers " + status).isLessThan(deadline);
      Thread.sleep(250);
    }
  }

  protected static void awaitSearchable(String word, String id, Duration within) throws Exception {
    long deadline = System.nanoTime() + within.toNanos();
    while (true) {
      var found = http.get("/api/search?q=" + word);
      if (found.statusCode() == 200 && found.body().contains(id)) {
        return;
      }
      assertThat(System.nanoTime()).as("searchable within " + within).isLessThan(deadline);
      Thread.sleep(100);
    }
  }

  /** An anonymous SSE subscription (catalog topics) whose upstream stream is open. */
  protected static SseStream subscribe(String topics, String lastEventId) throws Exception {
    return subscribe(topics, lastEventId, null);
  }

  /** An SSE subscription through the gateway, with a bearer token when not null. */
  protected static SseStream subscribe(String topics, String lastEventId, String bearer)
      throws Exception {
    var stream = SseStream.open(http.client, system.gatewayUrl(), topics, lastEventId, bearer);
    assertThat(stream.awaitOpen(Duration.ofSeconds(10))).as("stream " + topics + " opens").isTrue();
    return stream;
  }

  protected static PublishRequest order(String topic) {
    return PublishRequest.newBuilder()
        .setTopic(topic)
        .setType("order.created")
        .setDataJson("{\"total\":{\"amountMinor\":4200,\"currency\":\"USD\"}}")
        .build();
  }

  protected static String publishUntilAccepted(
      PushServiceGrpc.PushServiceBlockingStub push, String topic, Duration within)
      throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    while (true) {
      try {
        return push.withDeadlineAfter(5, SECONDS).publish(order(topic)).getEventId();
      } catch (StatusRuntimeException e) {
        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(System.nanoTime()).as("Publish works again after Redis").isLessThan(deadline);
        Thread.sleep(250);
      }
    }
  }

  protected static final Pattern VERSION = Pattern.compile("\"version\"\\s*:\\s*\"?(\\d+)");

  protected static Predicate<SseStream.Event> v(long version) {
    return event -> versionOf(event.data()) == version;
  }

  protected static long versionOf(String json) {
    Matcher m = VERSION.matcher(json);
    if (!m.find()) {
      throw new AssertionError("no version in " + json);
    }
    return Long.parseLong(m.group(1));
  }

  protected static long[] subscribersPerPushReplica() throws Exception {
    long[] counts = new long[system.push.size()];
    for (int i = 0; i < counts.length; i++) {
      counts[i] = (long) metric(system.push.get(i), 9192, SUBSCRIBERS);
    }
    return counts;
  }

  protected static final Pattern HEAP_MAX =
      Pattern.compile("^jvm_memory_max_bytes\\{area=\"heap\"\\} ([0-9.eE+]+)$", Pattern.MULTILINE);

  protected static final Pattern SUBSCRIBERS =
      Pattern.compile("^push_subscribers ([0-9.eE+]+)$", Pattern.MULTILINE);

  protected static final Pattern SEARCH_HANDLED =
      Pattern.compile(
          "^grpc_server_handled_total\\{[^}]*grpc_method=\"Search\"[^}]*\\} ([0-9.eE+]+)$",
          Pattern.MULTILINE);

  protected static double handledSearches(GenericContainer<?> replica) throws Exception {
    return metric(replica, 9191, SEARCH_HANDLED);
  }

  /** The sum of the samples a pattern matches on a replica's Prometheus page. */
  protected static double metric(GenericContainer<?> replica, int port, Pattern samples)
      throws Exception {
    var metrics =
        http.client.send(
            HttpRequest.newBuilder(
                    URI.create(
                        "http://"
                            + replica.getHost()
                            + ":"
                            + replica.getMappedPort(port)
                            + "/metrics"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    double sum = 0;
    Matcher m = samples.matcher(metrics.body());
    while (m.find()) {
      sum += Double.parseDouble(m.group(1));
    }
    return sum;
  }

  /** A new product's id; the POST must succeed. */
  protected static String created(String name, long priceMinor) throws Exception {
    var response = http.createProduct(sku(), name, priceMinor, UUID.randomUUID().toString());
    assertThat(response.statusCode()).as("POST /api/products").isEqualTo(201);
    return Http.id(response.body());
  }

  protected static String sku() {
    return "SKU-" + UUID.randomUUID();
  }
}
