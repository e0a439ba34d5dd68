package dev.polyshop.system;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyshop.push.v1.PushServiceGrpc;
import dev.polyshop.system.testing.Http;
import dev.polyshop.system.testing.PolyshopSystem;
import dev.polyshop.system.testing.ShopHarness;
import dev.polyshop.system.testing.SseStream;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.testcontainers.containers.GenericContainer;

/**
 * The whole shop in containers while parts of it fail: a search replica, product-service mid-write,
 * PostgreSQL, Redis and a push replica; what clients see meanwhile and that nothing is lost after.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ShopFaultsIntegrationTests extends ShopHarness {

  @Test
  @Order(1)
  void searchDown_answers503Fast_productsStillServe_andCatchesUpAfterwards() throws Exception {
    var docker = system.search.getFirst().getDockerClient();
    system.search.forEach(c -> docker.stopContainerCmd(c.getContainerId()).withTimeout(2).exec());

    long start = System.nanoTime();
    var down = http.get("/api/search?q=lamp");
    long millis = millisSince(start);
    assertThat(down.statusCode()).isEqualTo(503);
    assertThat(down.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(millis).isLessThan(1000);
    assertThat(http.get("/api/products?pageSize=5").statusCode()).isEqualTo(200);

    String word = "zd" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    List<String> written = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      var created =
          http.createProduct(sku(), "Offline " + word, 700 + i, UUID.randomUUID().toString());
      assertThat(created.statusCode()).isEqualTo(201);
      written.add(Http.id(created.body()));
    }

    system.search.forEach(c -> docker.startContainerCmd(c.getContainerId()).exec());
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (true) {
      var found = http.get("/api/search?q=" + word + "&pageSize=20");
      if (found.statusCode() == 200 && written.stream().allMatch(found.body()::contains)) {
        break;
      }
      if (System.nanoTime() > deadline) {
        System.out.println(system.search.getFirst().getLogs());
        throw new AssertionError(
            "not all written while down are searchable; last answer "
                + found.statusCode()
                + " "
                + found.body());
      }
      Thread.sleep(250);
    }
  }

  @Test
  @Order(2)
  void productServiceKilledMidWriteLoop_keepsEveryAcknowledgedWriteExactlyOnce() throws Exception {
    var docker = system.product.getDockerClient();
    Map<Integer, String> acknowledged = new LinkedHashMap<>(); // write number -> id
    List<String> unknown = new ArrayList<>();
    String run = UUID.randomUUID().toString();
    for (int i = 0; i < 40; i++) {
      if (i == 15) {
        docker.killContainerCmd(system.product.getContainerId()).exec();
      }
      String key = run + "-" + i;
      try {
        var created = http.createProduct("SKU-" + key, "Killed " + i, 1000 + i, key);
        if (created.statusCode() == 201 || created.statusCode() == 200) {
          acknowledged.put(i, Http.id(created.body()));
        } else {
          unknown.add(key);
        }
      } catch (java.io.IOException e) {
        unknown.add(key);
      }
    }
    assertThat(unknown).as("writes during the outage fail visibly").isNotEmpty();

    docker.startContainerCmd(system.product.getContainerId()).exec();
    awaitStatus("/api/products?pageSize=1", 200, Duration.ofSeconds(120));

    for (var entry : acknowledged.entrySet()) {
      assertThat(http.get("/api/products/" + entry.getValue()).statusCode()).isEqualTo(200);
      // The same request again answers the same product: it exists once.
      int i = entry.getKey();
      String key = run + "-" + i;
      var again = http.createProduct("SKU-" + key, "Killed " + i, 1000 + i, key);
      assertThat(Http.id(again.body())).isEqualTo(entry.getValue());
    }
  }

  @Test
  @Order(3)
  void postgresRestarted_productServiceRecoversWithoutItsOwnRestart() throws Exception {
    var docker = system.postgres.getDockerClient();
    String productStartedAt = startedAt(system.product);
    docker.stopContainerCmd(system.postgres.getContainerId()).withTimeout(5).exec();
    docker.startContainerCmd(system.postgres.getContainerId()).exec();

    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    String key = UUID.randomUUID().toString();
    while (true) {
      var created = http.createProduct("SKU-" + key, "After pg restart", 1234, key);
      if (created.statusCode() == 201) {
        break;
      }
      assertThat(System.nanoTime())
          .as("writes resume after PostgreSQL restarts")
          .isLessThan(deadline);
      Thread.sleep(500);
    }
    assertThat(startedAt(system.product)).isEqualTo(productStartedAt);
  }

  @Test
  @Order(4)
  void redisStopped_rateLimitFailsOpen_publishIsUnavailable_catalogFlows_thenPublishingResumes()
      throws Exception {
    String id = created("Redis outage", 5000);
    // A private topic: only the shopper's token reads it.
    String orderTopic = "order." + PolyshopSystem.SHOPPER + "." + UUID.randomUUID();
    assertThat(http.get("/api/events?topics=" + orderTopic).statusCode())
        .as("an anonymous read of a private topic")
        .isEqualTo(401);
    // The gateway puts each subscription on its pooled channel with the fewest calls, and each
    // channel's round robin starts at a random replica: subscribe until both replicas hold new
    // subscribers (four fixed subscriptions all landed on one replica one run in eight).
    long[] before = subscribersPerPushReplica();
    List<SseStream> published = new ArrayList<>();
    long[] after = before;
    while (published.size() < 16 && (after[0] <= before[0] || after[1] <= before[1])) {
      published.add(subscribe(orderTopic, null, token));
      after = subscribersPerPushReplica();
    }
    assertThat(after[0]).as("subscribers on push replica 1").isGreaterThan(before[0]);
    assertThat(after[1]).as("subscribers on push replica 2").isGreaterThan(before[1]);

    var docker = system.redis.getDockerClient();
    try (var catalog = subscribe("product." + id, null);
        var grpc = system.gatewayGrpc();
        var publisher = system.internalPublisher()) {
      assertThatThrownBy(
              () ->
                  PushServiceGrpc.newBlockingStub(grpc.channel)
                      .withDeadlineAfter(10, SECONDS)
                      .publish(order(orderTopic)))
          .as("Publish is internal: the gateway's gRPC port refuses it")
          .isInstanceOfSatisfying(
              StatusRuntimeException.class,
              e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED));
      var push = publisher.push;
      docker.stopContainerCmd(system.redis.getContainerId()).withTimeout(1).exec();
      try {
        for (int i = 0; i < 5; i++) {
          assertThat(http.get("/api/products?pageSize=1").statusCode()).isEqualTo(200);
          assertThat(http.get("/api/search?q=lamp").statusCode()).isEqualTo(200);
        }
        long publishing = System.nanoTime();
        assertThatThrownBy(() -> push.withDeadlineAfter(10, SECONDS).publish(order(orderTopic)))
            .as("Publish needs Redis: the caller is told to retry")
            .isInstanceOfSatisfying(
                StatusRuntimeException.class,
                e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
        System.out.printf("Publish UNAVAILABLE after %d ms%n", millisSince(publishing));
        assertThat(http.patchPrice(id, "\"1\"", 4000).statusCode()).isEqualTo(200);
        assertThat(catalog.takeUntil("product.changed", v(2), Duration.ofSeconds(10)))
            .as("catalog events never touch Redis")
            .last()
            .satisfies(event -> assertThat(versionOf(event.data())).isEqualTo(2));
      } finally {
        docker.startContainerCmd(system.redis.getContainerId()).exec();
      }

      // The streams opened before the outage stayed open and get the next published event, with
      // the one id Redis gave it, on both replicas.
      String eventId = publishUntilAccepted(push, orderTopic, Duration.ofSeconds(30));
      for (SseStream stream : published) {
        assertThat(stream.take("order.created", 1, Duration.ofSeconds(15)))
            .singleElement()
            .extracting(SseStream.Event::id)
            .isEqualTo(eventId);
      }
    } finally {
      published.forEach(SseStream::close);
    }
  }

  @Test
  @Order(5)
  void pushReplicaHoldingSubscribersKilled_clientsResumeThroughGateway_missingNoEvent()
      throws Exception {
    String id = created("Push failover", 9000);
    String quietId = created("Push failover quiet", 900);
    List<SseStream.Event> received = new ArrayList<>();
    int version = 1;

    long[] before = subscribersPerPushReplica();
    SseStream first = subscribe("product." + id, null);
    long[] after = subscribersPerPushReplica();
    int holder = after[0] > before[0] ? 0 : 1;
    assertThat(after[holder]).isEqualTo(before[holder] + 1);
    GenericContainer<?> holding = system.push.get(holder);
    // A second subscriber on the same replica that will have had no event when it dies: it resumes
    // from the id its first heartbeat carried, as a browser would.
    SseStream quiet = null;
    for (int attempt = 0; attempt < 4 && quiet == null; attempt++) {
      long held = subscribersPerPushReplica()[holder];
      SseStream candidate = subscribe("product." + quietId, null);
      if (subscribersPerPushReplica()[holder] > held) {
        quiet = candidate;
      } else {
        candidate.close();
      }
    }
    assertThat(quiet).as("a quiet subscriber on the replica to be killed").isNotNull();
    assertThat(quiet.awaitLastEventId(Duration.ofSeconds(5))).as("heartbeat id").startsWith("c-");

    for (; version <= 3; version++) {
      assertThat(http.patchPrice(id, "\"" + version + "\"", 9000 - version).statusCode())
          .isEqualTo(200);
    }
    received.addAll(first.takeUntil("product.changed", v(4), Duration.ofSeconds(10)));
    assertThat(received).as("live events before the kill").last().matches(v(4));

    List<SseStream.Event> quietReceived = new ArrayList<>();
    long killed = System.nanoTime();
    var docker = holding.getDockerClient();
    docker.killContainerCmd(holding.getContainerId()).exec();
    try {
      for (SseStream stream : List.of(first, quiet)) {
        assertThat(stream.awaitEnd(Duration.ofSeconds(10)))
            .as("the gateway ends the SSE stream when its push replica dies")
            .isTrue();
        stream.close();
      }
      System.out.printf("SSE streams ended %d ms after SIGKILL%n", millisSince(killed));
      // Written while the clients are away: they must get these on resume.
      for (; version <= 6; version++) {
        assertThat(http.patchPrice(id, "\"" + version + "\"", 9000 - version).statusCode())
            .isEqualTo(200);
        assertThat(
                http.patchPrice(quietId, "\"" + (version - 3) + "\"", 900 - version).statusCode())
            .isEqualTo(200);
      }
      try (var resumed = subscribe("product." + id, received.getLast().id());
          var quietResumed =
              subscribe("product." + quietId, quiet.awaitLastEventId(Duration.ZERO))) {
        assertThat(http.patchPrice(id, "\"" + version + "\"", 9000 - version).statusCode())
            .isEqualTo(200);
        received.addAll(resumed.takeUntil("product.changed", v(8), Duration.ofSeconds(15)));
        quietReceived.addAll(
            quietResumed.takeUntil("product.changed", v(4), Duration.ofSeconds(15)));
      }
    } finally {
      docker.startContainerCmd(holding.getContainerId()).exec();
    }

    // Every change once, in order: versions 2..8 are the seven PATCHes, 2..4 of the quiet product
    // the three made while its subscriber was away. A creation (version 1) comes too when the
    // replica learned of it only after the subscription.
    assertThat(received.stream().map(event -> versionOf(event.data())).dropWhile(v -> v == 1))
        .containsExactly(2L, 3L, 4L, 5L, 6L, 7L, 8L);
    assertThat(received).extracting(SseStream.Event::id).doesNotHaveDuplicates();
    assertThat(quietReceived.stream().map(event -> versionOf(event.data())).dropWhile(v -> v == 1))
        .containsExactly(2L, 3L, 4L);
  }
}
