package dev.polyshop.push.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyshop.push.replay.EventId;
import dev.polyshop.push.testing.Awaits;
import dev.polyshop.push.testing.FakeChangeFeed;
import dev.polyshop.push.testing.PushConfigs;
import dev.polyshop.push.testing.PushUnderTest;
import dev.polyshop.push.testing.StreamRecorder;
import dev.polyshop.push.v1.ResetReason;
import dev.polyshop.push.v1.SubscribeResponse;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.XAddParams;

/** Published events fan out across two instances through a real Redis (Testcontainers). */
class RedisFanoutIntegrationTests {

  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final GenericContainer<?> REDIS =
      new GenericContainer<>("redis:7").withExposedPorts(6379);

  private final List<AutoCloseable> resources = new ArrayList<>();

  @BeforeAll
  static void startRedis() {
    REDIS.start();
  }

  @AfterAll
  static void stopRedis() {
    REDIS.stop();
  }

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable resource : resources.reversed()) {
      resource.close();
    }
  }

  private static String url(GenericContainer<?> redis) {
    return "redis://" + redis.getHost() + ":" + redis.getMappedPort(6379);
  }

  private PushUnderTest instance(String... config) throws Exception {
    PushUnderTest push = PushUnderTest.netty(PushConfigs.of(config));
    resources.add(push);
    Awaits.until(() -> ((RedisPublishedEvents) push.server().published()).connected(), WAIT);
    return push;
  }

  @Test
  void entriesTrimmedWhileCutOffFromRedis_areAResetAtTheGap_neverASilentOne() throws Exception {
    String stream = "push-test-" + UUID.randomUUID();
    PushUnderTest a = instance("PUSH_REDIS_URL", url(REDIS), "PUSH_REDIS_STREAM", stream);
    StreamRecorder live = a.subscribed(StreamRecorder.fast(), "", "orders.9");
    String seen = a.publish("orders.9", "t", "{\"n\":0}");
    live.awaitEvents(1, WAIT);

    List<String> added = new ArrayList<>();
    try (Jedis admin = new Jedis(REDIS.getHost(), REDIS.getMappedPort(6379))) {
      admin.aclSetUser("trimmer", "on", "nopass", "~*", "+@all");
      // The replica's reader (user default) can no longer read: cut off, as in a network split.
      admin.aclSetUser("default", "-xread");
      try {
        Awaits.until(() -> !((RedisPublishedEvents) a.server().published()).connected(), WAIT);
        try (Jedis other = new Jedis(REDIS.getHost(), REDIS.getMappedPort(6379))) {
          other.auth("trimmer", "any");
          for (int n = 1; n <= 5; n++) {
            // Exact MAXLEN 1: each entry trims the one before, unread by the cut-off replica. The
            // last one opens a new millisecond (sequence 0), the usual case for the oldest entry
            // left: the Reset before it is the boundary after the previous millisecond.
            XAddParams params = XAddParams.xAddParams().maxLen(1);
            if (n == 5) {
              StreamEntryID previous = new StreamEntryID(added.getLast());
              params = params.id(new StreamEntryID(previous.getTime() + 1, 0));
            }
            added.add(
                other
                    .xadd(
                        stream,
                        params,
                        Map.of("topic", "orders.9", "type", "t", "data", "{\"n\":" + n + "}"))
                    .toString());
          }
        }
      } finally {
        admin.aclSetUser("default", "+xread");
      }
    }

    live.awaitEvents(2, WAIT);
    List<SubscribeResponse> items =
        live.items().stream().filter(item -> !item.hasHeartbeat()).toList();
    assertThat(items).hasSize(3);
    assertThat(items.get(0).getEvent().getId()).isEqualTo(seen);
    assertThat(items.get(1).getReset().getReason())
        .isEqualTo(ResetReason.RESET_REASON_SOURCE_TRIMMED);
    // Through the id just before the oldest entry left (the last one added): nothing after it is
    // skipped.
    assertThat(EventId.parse(items.get(1).getReset().getResumeToken()))
        .isGreaterThanOrEqualTo(EventId.parse("p-" + added.get(3)))
        .isLessThan(EventId.parse("p-" + added.get(4)));
    assertThat(items.get(1).getReset().getResumeToken())
        .isEqualTo("p-" + new StreamEntryID(added.get(3)).getTime());
    assertThat(items.get(2).getEvent().getId()).isEqualTo("p-" + added.get(4));
  }

  @Test
  void publish_onEitherInstance_reachesSubscribersOfBoth_withTheSameIdsInTheSameOrder()
      throws Exception {
    String stream = "push-test-" + UUID.randomUUID();
    PushUnderTest a = instance("PUSH_REDIS_URL", url(REDIS), "PUSH_REDIS_STREAM", stream);
    PushUnderTest b = instance("PUSH_REDIS_URL", url(REDIS), "PUSH_REDIS_STREAM", stream);
    StreamRecorder onA = a.subscribed(StreamRecorder.fast(), "", "orders.1");
    StreamRecorder onB = b.subscribed(StreamRecorder.fast(), "", "orders.1");
    StreamRecorder leaving = a.subscribed(StreamRecorder.fast(), "", "orders.1");

    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      ids.add((i % 2 == 0 ? a : b).publish("orders.1", "order.updated", "{\"n\":" + i + "}"));
      if (i == 49) {
        leaving.awaitEvents(50, WAIT);
        leaving.cancel();
      }
    }
    onA.awaitEvents(100, WAIT);
    onB.awaitEvents(100, WAIT);

    assertThat(ids).allMatch(id -> id.startsWith("p-"));
    assertThat(ids.stream().map(EventId::parse).toList())
        .isSortedAccordingTo(Comparator.naturalOrder());
    assertThat(onA.eventIds()).containsExactlyElementsOf(ids);
    assertThat(onB.events()).isEqualTo(onA.events());

    // The subscriber that left after 50 events resumes on the other instance: exactly the rest.
    StreamRecorder resumed =
        b.subscribed(StreamRecorder.fast(), leaving.eventIds().getLast(), "orders.1");
    resumed.awaitEvents(50, WAIT);
    assertThat(leaving.eventIds()).containsExactlyElementsOf(ids.subList(0, 50));
    assertThat(resumed.eventIds()).containsExactlyElementsOf(ids.subList(50, 100));
  }

  @Test
  void resume_aheadOfTheStreamsLastId_isInvalidArgument_whileALaggingOneIsAccepted()
      throws Exception {
    String stream = "push-test-" + UUID.randomUUID();
    PushUnderTest a = instance("PUSH_REDIS_URL", url(REDIS), "PUSH_REDIS_STREAM", stream);
    EventId seen = EventId.parse(a.publish("orders.3", "t", "{}"));
    String ahead = EventId.published(seen.major(), seen.minor() + 1).toString();

    Status status = a.subscribe(StreamRecorder.fast(), ahead, "orders.3").awaitClose(WAIT);
    assertThat(status.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(status.getDescription()).contains("ahead of every event");

    StreamRecorder resumed = a.subscribed(StreamRecorder.fast(), seen.toString(), "orders.3");
    String next = a.publish("orders.3", "t", "{}");
    resumed.awaitEvents(1, WAIT);
    assertThat(resumed.eventIds()).containsExactly(next);
  }

  @Test
  void freshInstance_backfillsInPages_trimsByAge_andAResumeBeforeTheOldestEntryIsAReset()
      throws Exception {
    String stream = "push-test-" + UUID.randomUUID();
    Map<String, String> fields = Map.of("topic", "orders.4", "type", "t", "data", "{}");
    long old = System.currentTimeMillis() - Duration.ofHours(2).toMillis();
    List<String> ids = new ArrayList<>();
    try (Jedis admin = new Jedis(REDIS.getHost(), REDIS.getMappedPort(6379))) {
      for (int i = 0; i < 3; i++) {
        ids.add(
            admin
                .xadd(stream, XAddParams.xAddParams().id(new StreamEntryID(old + i, 0)), fields)
                .toString());
      }
      Pipeline pipeline = admin.pipelined();
      List<Response<StreamEntryID>> added = new ArrayList<>();
      for (int i = 0; i < 2_500; i++) { // pages of 1,000
        added.add(pipeline.xadd(stream, XAddParams.xAddParams(), fields));
      }
      pipeline.sync();
      added.forEach(response -> ids.add(response.get().toString()));
    }
    List<String> expected = ids.stream().map(id -> "p-" + id).toList();

    PushUnderTest late =
        instance(
            "PUSH_REDIS_URL", url(REDIS), "PUSH_REDIS_STREAM", stream, "PUSH_REDIS_MAX_AGE", "1h");
    StreamRecorder resumed = late.subscribed(StreamRecorder.fast(), expected.get(1), "orders.4");
    StreamRecorder tooOld =
        late.subscribed(StreamRecorder.fast(), "p-" + (old - 1_000) + "-0", "orders.4");

    resumed.awaitEvents(expected.size() - 2, WAIT);
    assertThat(resumed.eventIds()).containsExactlyElementsOf(expected.subList(2, expected.size()));
    tooOld.awaitEvents(expected.size(), WAIT);
    SubscribeResponse first =
        tooOld.items().stream().filter(i -> !i.hasHeartbeat()).findFirst().get();
    assertThat(first.getReset().getReason()).isEqualTo(ResetReason.RESET_REASON_RESUME_TOO_OLD);
    assertThat(first.getReset().getResumeToken()).isEqualTo("p-" + (old - 1));
    assertThat(tooOld.eventIds()).containsExactlyElementsOf(expected);
    try (Jedis admin = new Jedis(REDIS.getHost(), REDIS.getMappedPort(6379))) {
      Awaits.until(() -> admin.xlen(stream) == 2_500, WAIT); // the two-hour-old entries: MINID
    }
  }

  @Test
  void freshInstance_backfillsRecentEventsFromRedis_soResumeWorksThere() throws Exception {
    String stream = "push-test-" + UUID.randomUUID();
    PushUnderTest a = instance("PUSH_REDIS_URL", url(REDIS), "PUSH_REDIS_STREAM", stream);
    String first = a.publish("orders.2", "t", "{}");
    String second = a.publish("orders.2", "t", "{}");
    String third = a.publish("orders.2", "t", "{}");

    PushUnderTest late = instance("PUSH_REDIS_URL", url(REDIS), "PUSH_REDIS_STREAM", stream);
    StreamRecorder resumed = late.subscribed(StreamRecorder.fast(), first, "orders.2");

    resumed.awaitEvents(2, WAIT);
    assertThat(resumed.eventIds()).containsExactly(second, third);
  }

  @Test
  void redisDown_publishReturnsUnavailable_whileCatalogEventsKeepFlowing() throws Exception {
    try (GenericContainer<?> redis = new GenericContainer<>("redis:7").withExposedPorts(6379);
        FakeChangeFeed feed = new FakeChangeFeed()) {
      redis.start();
      feed.upsert("p1", 1, 1000, 0, "lamps");
      PushUnderTest push =
          instance("PUSH_REDIS_URL", url(redis), "PRODUCT_SERVICE_URL", feed.url());
      StreamRecorder catalog = push.subscribed(StreamRecorder.fast(), "", "product.p1");
      StreamRecorder published = push.subscribed(StreamRecorder.fast(), "", "orders.1");
      push.publish("orders.1", "t", "{}");
      published.awaitEvents(1, WAIT);

      redis.stop();

      assertThatThrownBy(() -> push.publish("orders.1", "t", "{}"))
          .isInstanceOfSatisfying(
              StatusRuntimeException.class,
              e -> {
                assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
                assertThat(e.getStatus().getDescription()).contains("Redis is unreachable");
              });
      long position = feed.upsert("p1", 2, 900, 0, "lamps");
      catalog.awaitEvents(1, WAIT);
      assertThat(catalog.eventIds()).containsExactly("c-" + position + "-0");
      assertThat(published.status()).as("published stream stays open").isNull();
    }
  }
}
