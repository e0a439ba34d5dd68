package dev.polyshop.push.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyshop.push.fanout.TopicFamily;
import dev.polyshop.push.replay.EventId;
import dev.polyshop.push.testing.Awaits;
import dev.polyshop.push.testing.FakeChangeFeed;
import dev.polyshop.push.testing.PushConfigs;
import dev.polyshop.push.testing.PushUnderTest;
import dev.polyshop.push.testing.StreamRecorder;
import dev.polyshop.push.v1.Event;
import dev.polyshop.push.v1.ResetReason;
import dev.polyshop.push.v1.SubscribeResponse;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two push-service instances (Netty on real local ports) follow one fake change feed over HTTP:
 * they derive the same catalog events with the same ids, so a subscriber can resume on either.
 */
class CatalogEventsAcrossInstancesIntegrationTests {

  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final String[] TOPICS = {"product.p1", "category.lamps", "deals", "stock.p1"};

  private FakeChangeFeed feed;
  private final List<PushUnderTest> instances = new ArrayList<>();

  @BeforeEach
  void startFeed() throws Exception {
    feed = new FakeChangeFeed();
  }

  @AfterEach
  void stop() {
    instances.forEach(PushUnderTest::close);
    feed.close();
  }

  private PushUnderTest instance() throws Exception {
    PushUnderTest push = PushUnderTest.netty(PushConfigs.of("PRODUCT_SERVICE_URL", feed.url()));
    instances.add(push);
    return push;
  }

  private static void awaitDerived(PushUnderTest push, long position) {
    Awaits.until(
        () -> {
          EventId last = push.server().hub().stream(TopicFamily.CATALOG).log().lastId();
          return last != null && last.major() >= position;
        },
        WAIT);
  }

  @Test
  void derivedEvents_haveIdenticalIdsOnBothInstances_andResumeOnTheOtherIsExact() throws Exception {
    feed.upsert("p1", 1, 1000, 0, "Lamps");
    long created = feed.upsert("p2", 1, 500, 3, "Lamps");
    PushUnderTest a = instance();
    PushUnderTest b = instance();
    awaitDerived(a, created);
    awaitDerived(b, created);
    StreamRecorder watcher = a.subscribed(StreamRecorder.fast(), "", TOPICS);
    StreamRecorder leaving = a.subscribed(StreamRecorder.fast(), "", TOPICS);

    long drop = feed.upsert("p1", 2, 850, 0, "Lamps"); // -15 %: product, category, deals
    leaving.awaitEvents(3, WAIT);
    leaving.cancel();
    long back = feed.upsert("p1", 3, 850, 5, "Lamps"); // stock 0 -> 5: product, stock
    long small = feed.upsert("p1", 4, 800, 5, "Lamps"); // -5.9 %: product, category only
    feed.upsert("p2", 2, 600, 3, "Lamps"); // another product, no drop: nothing subscribed
    awaitDerived(b, small);

    StreamRecorder resumed =
        b.subscribed(StreamRecorder.fast(), leaving.eventIds().getLast(), TOPICS);
    watcher.awaitEvents(7, WAIT);
    resumed.awaitEvents(4, WAIT);

    assertThat(leaving.eventIds())
        .containsExactly("c-" + drop + "-0", "c-" + drop + "-1", "c-" + drop + "-2");
    assertThat(leaving.events())
        .extracting(Event::getTopic)
        .containsExactly("product.p1", "category.lamps", "deals");
    assertThat(resumed.eventIds())
        .containsExactly(
            "c-" + back + "-0", "c-" + back + "-3", "c-" + small + "-0", "c-" + small + "-1");
    assertThat(resumed.items()).noneMatch(SubscribeResponse::hasReset);
    // What instance B replays equals, byte for byte, what A streamed live.
    assertThat(watcher.events().subList(3, 7)).isEqualTo(resumed.events());
    assertThat(watcher.events().get(2).getDataJson())
        .contains("\"oldPrice\":{\"amountMinor\":1000")
        .contains("\"newPrice\":{\"amountMinor\":850")
        .contains("\"dropPercent\":15.00");
  }

  @Test
  void resume_intoHistoryAFreshInstanceCouldNotDerive_getsResetInsteadOfASilentGap()
      throws Exception {
    feed.upsert("p1", 1, 1000, 0, "Lamps");
    PushUnderTest a = instance();
    StreamRecorder onA = a.subscribed(StreamRecorder.fast(), "", TOPICS);
    long drop = feed.upsert("p1", 2, 850, 0, "Lamps");
    onA.awaitEvents(3, WAIT);
    long later = feed.upsert("p1", 3, 850, 0, "Lamps");
    onA.awaitEvents(4, WAIT);
    feed.compact(); // only p1 v3 remains: a new instance cannot know about the price drop
    PushUnderTest b = instance();
    awaitDerived(b, later);
    String token = "c-" + drop + "-1"; // the client saw the category event, not deals

    StreamRecorder onB = b.subscribed(StreamRecorder.fast(), token, TOPICS);
    StreamRecorder onAAgain = a.subscribed(StreamRecorder.fast(), token, TOPICS);
    long next = feed.upsert("p1", 4, 850, 0, "Lamps");

    onAAgain.awaitEvents(3, WAIT);
    assertThat(onAAgain.eventIds())
        .containsExactly("c-" + drop + "-2", "c-" + later + "-0", "c-" + next + "-0");
    onB.awaitEvents(1, WAIT);
    SubscribeResponse first = onB.items().getFirst();
    assertThat(first.getReset().getReason()).isEqualTo(ResetReason.RESET_REASON_RESUME_TOO_OLD);
    assertThat(first.getReset().getResumeToken()).isEqualTo("c-" + later);
    assertThat(onB.eventIds()).containsExactly("c-" + next + "-0");
  }

  @Test
  void resume_onAFreshInstanceDuringItsCatchUp_waitsForIt_andMissesNothing() throws Exception {
    feed.upsert("p1", 1, 1000, 0, "Lamps");
    long other = feed.upsert("p2", 1, 500, 3, "Lamps");
    PushUnderTest a = instance();
    StreamRecorder onA = a.subscribed(StreamRecorder.fast(), "", TOPICS);
    long drop = feed.upsert("p1", 2, 850, 0, "Lamps"); // product, category, deals
    onA.awaitEvents(3, WAIT);
    long back = feed.upsert("p1", 3, 850, 5, "Lamps"); // product, stock
    onA.awaitEvents(5, WAIT);
    feed.compact(); // p1 v3 and p2 v1 remain: a fresh instance cannot derive the stock event
    feed.holdAfter(other);
    PushUnderTest b = instance();
    awaitDerived(b, other);
    String token = "c-" + drop + "-0"; // the client saw the product event only

    StreamRecorder onB = b.subscribed(StreamRecorder.fast(), token, TOPICS);
    Thread.sleep(300);
    assertThat(health(b)).isEqualTo(ServingStatus.NOT_SERVING);
    assertThat(onB.items()).allMatch(SubscribeResponse::hasHeartbeat);
    assertThat(onB.items().getFirst().getHeartbeat().getResumeToken()).isEqualTo(token);
    feed.release();
    long next = feed.upsert("p1", 4, 850, 5, "Lamps");

    onB.awaitEvents(1, WAIT);
    Awaits.until(() -> health(b) == ServingStatus.SERVING, WAIT);
    List<SubscribeResponse> items =
        onB.items().stream().filter(item -> !item.hasHeartbeat()).toList();
    // B cannot tell what A derived at the compacted position: a Reset through it, never a silent
    // gap (A delivered c-<drop>-1, c-<drop>-2 and the stock event there).
    assertThat(items.getFirst().getReset().getReason())
        .isEqualTo(ResetReason.RESET_REASON_RESUME_TOO_OLD);
    assertThat(items.getFirst().getReset().getResumeToken()).isEqualTo("c-" + back);
    assertThat(onB.eventIds()).containsExactly("c-" + next + "-0");
  }

  @Test
  void resume_aheadOfTheFeedsHead_endsWithInvalidArgument_notASilentStream() throws Exception {
    long head = feed.upsert("p1", 1, 1000, 0, "Lamps");
    PushUnderTest a = instance();
    awaitDerived(a, head);
    String token = "c-" + (head + 1_000) + "-0";

    StreamRecorder resumed = a.subscribe(StreamRecorder.fast(), token, TOPICS);

    // Waits for a feed answer that arrived after it subscribed (the feed's long-poll is 1 s here).
    Status status = resumed.awaitClose(WAIT);
    assertThat(status.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(status.getDescription()).contains("ahead of every event").contains(token);
    assertThat(resumed.items()).allMatch(SubscribeResponse::hasHeartbeat);
  }

  private static ServingStatus health(PushUnderTest push) {
    return HealthGrpc.newBlockingStub(push.channel())
        .withDeadlineAfter(2, TimeUnit.SECONDS)
        .check(HealthCheckRequest.getDefaultInstance())
        .getStatus();
  }

  @Test
  void newSubscriber_withoutToken_getsOnlyChangesAfterItSubscribed() throws Exception {
    long head = 0;
    for (int i = 0; i < 50; i++) {
      head = feed.upsert("p1", i + 1, 1000 - i, 0, "Lamps");
    }
    PushUnderTest a = instance();
    StreamRecorder fresh = a.subscribed(StreamRecorder.fast(), "", TOPICS);
    awaitDerived(a, head);

    long change = feed.upsert("p1", 51, 10, 0, "Lamps");

    fresh.awaitEvents(3, WAIT);
    assertThat(fresh.eventIds())
        .containsExactly("c-" + change + "-0", "c-" + change + "-1", "c-" + change + "-2");
  }
}
