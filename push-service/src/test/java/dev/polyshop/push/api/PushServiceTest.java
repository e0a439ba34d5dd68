package dev.polyshop.push.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyshop.push.fanout.TopicFamily;
import dev.polyshop.push.replay.EventId;
import dev.polyshop.push.testing.Awaits;
import dev.polyshop.push.testing.PushConfigs;
import dev.polyshop.push.testing.PushUnderTest;
import dev.polyshop.push.testing.StreamRecorder;
import dev.polyshop.push.v1.Event;
import dev.polyshop.push.v1.ResetReason;
import dev.polyshop.push.v1.SubscribeResponse;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The PushService contract over an in-process transport. */
class PushServiceTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  private PushUnderTest push;

  @AfterEach
  void stop() {
    if (push != null) {
      push.close();
    }
  }

  private PushUnderTest start(String... config) throws Exception {
    push = PushUnderTest.inProcess(PushConfigs.of(config));
    return push;
  }

  @Test
  void publish_reachesEverySubscriberOfTheTopic_inPublishOrder() throws Exception {
    start();
    StreamRecorder both = push.subscribed(StreamRecorder.fast(), "", "orders.a", "orders.b");
    StreamRecorder onlyB = push.subscribed(StreamRecorder.fast(), "", "orders.b");

    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      ids.add(
          push.publish(i % 2 == 0 ? "orders.a" : "orders.b", "order.updated", "{\"n\":" + i + "}"));
    }

    both.awaitEvents(200, WAIT);
    onlyB.awaitEvents(100, WAIT);
    assertThat(both.eventIds()).containsExactlyElementsOf(ids);
    assertThat(onlyB.eventIds())
        .containsExactlyElementsOf(
            IntStream.range(0, 200).filter(i -> i % 2 == 1).mapToObj(ids::get).toList());
    assertThat(onlyB.events()).allSatisfy(e -> assertThat(e.getTopic()).isEqualTo("orders.b"));
    assertThat(ids.stream().map(EventId::parse).toList())
        .isSortedAccordingTo(Comparator.naturalOrder());
    Event first = both.events().getFirst();
    assertThat(first.getType()).isEqualTo("order.updated");
    assertThat(first.getDataJson()).isEqualTo("{\"n\":0}");
    assertThat(first.hasTime()).isTrue();
  }

  @Test
  void subscribe_invalidRequest_returnsInvalidArgumentNamingTheRule() throws Exception {
    start();
    record Case(String token, List<String> topics, String message) {}
    List<Case> cases =
        List.of(
            new Case("", List.of(), "1 to 100 topics"),
            new Case(
                "", IntStream.range(0, 101).mapToObj(i -> "t" + i).toList(), "1 to 100 topics"),
            new Case("", List.of("Orders"), "outside [a-z0-9._:-]"),
            new Case("", List.of("a b"), "outside [a-z0-9._:-]"),
            new Case("", List.of(""), "1-128 characters"),
            new Case("", List.of("x".repeat(129)), "1-128 characters"),
            new Case("", List.of("deals", "orders.1"), "cannot share one subscription"),
            new Case("yesterday", List.of("orders.1"), "not an event id"),
            new Case("c-5-0", List.of("orders.1"), "not an id of published events"));
    for (Case c : cases) {
      StreamRecorder recorder =
          push.subscribe(StreamRecorder.fast(), c.token(), c.topics().toArray(String[]::new));
      Status status = recorder.awaitClose(WAIT);
      assertThat(status.getCode()).as("%s", c).isEqualTo(Status.Code.INVALID_ARGUMENT);
      assertThat(status.getDescription()).as("%s", c).contains(c.message());
    }
    assertThat(push.server().hub().subscriberCount()).isZero();
  }

  @Test
  void publish_invalidRequest_returnsInvalidArgumentNamingTheRule() throws Exception {
    start();
    record Case(String topic, String type, String data, String message) {}
    List<Case> cases =
        List.of(
            new Case("Bad Topic", "t", "{}", "outside [a-z0-9._:-]"),
            new Case("deals", "t", "{}", "reserved for events derived from the catalog"),
            new Case("product.42", "t", "{}", "reserved"),
            new Case("orders.1", "", "{}", "type"),
            new Case(
                "orders.1",
                "t",
                "{\"x\":\"" + "a".repeat(64 * 1024) + "\"}",
                "at most 65536 bytes"),
            new Case("orders.1", "t", "{not json", "must be one JSON value"),
            new Case("orders.1", "t", "{} {}", "must be one JSON value"),
            new Case("orders.1", "t", "", "must be one JSON value"));
    for (Case c : cases) {
      assertThatThrownBy(() -> push.publish(c.topic(), c.type(), c.data()))
          .as("%s", c.message())
          .isInstanceOfSatisfying(
              StatusRuntimeException.class,
              e -> {
                assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                assertThat(e.getStatus().getDescription()).contains(c.message());
              });
    }
  }

  @Test
  void resume_onSameInstance_deliversExactlyTheMissedEventsInOrder_thenLiveOnes() throws Exception {
    start();
    StreamRecorder first = push.subscribed(StreamRecorder.fast(), "", "orders.7");
    for (int i = 0; i < 10; i++) {
      push.publish("orders.7", "t", "{\"n\":" + i + "}");
    }
    first.awaitEvents(10, WAIT);
    first.cancel();
    Awaits.until(() -> push.server().hub().subscriberCount() == 0, WAIT);
    String lastSeen = first.eventIds().getLast();

    List<String> missed = new ArrayList<>();
    for (int i = 10; i < 20; i++) {
      missed.add(push.publish("orders.7", "t", "{\"n\":" + i + "}"));
      push.publish("orders.other", "t", "{}");
    }
    StreamRecorder resumed = push.subscribed(StreamRecorder.fast(), lastSeen, "orders.7");
    resumed.awaitEvents(10, WAIT);
    String live = push.publish("orders.7", "t", "{\"n\":20}");

    resumed.awaitEvents(11, WAIT);
    List<String> expected = new ArrayList<>(missed);
    expected.add(live);
    assertThat(resumed.eventIds()).containsExactlyElementsOf(expected);
    assertThat(resumed.items()).noneMatch(SubscribeResponse::hasReset);
  }

  @Test
  void resume_olderThanRetained_sendsResetWithTheGapBoundary_thenTheRest() throws Exception {
    start("PUSH_RETAINED_EVENTS", "5");
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      ids.add(push.publish("orders.7", "t", "{}"));
    }

    StreamRecorder resumed = push.subscribed(StreamRecorder.fast(), ids.get(2), "orders.7");
    resumed.awaitEvents(5, WAIT);
    String live = push.publish("orders.7", "t", "{}");
    resumed.awaitEvents(6, WAIT);

    SubscribeResponse first = resumed.items().getFirst();
    assertThat(first.hasReset()).isTrue();
    assertThat(first.getReset().getReason()).isEqualTo(ResetReason.RESET_REASON_RESUME_TOO_OLD);
    assertThat(first.getReset().getResumeToken()).isEqualTo(ids.get(14));
    List<String> expected = new ArrayList<>(ids.subList(15, 20));
    expected.add(live);
    assertThat(resumed.eventIds()).containsExactlyElementsOf(expected);
  }

  @Test
  void publish_dataOverTheConfiguredEventSize_isInvalidArgument() throws Exception {
    start("PUSH_MAX_EVENT_BYTES", "1k");
    push.publish("orders.1", "t", "{\"x\":\"" + "a".repeat(1_000) + "\"}");

    assertThatThrownBy(() -> push.publish("orders.1", "t", "{\"x\":\"" + "a".repeat(1_100) + "\"}"))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
              assertThat(e.getStatus().getDescription()).contains("at most 1024 bytes");
            });
  }

  @Test
  void resume_withTokenAheadOfEverythingPublished_isInvalidArgument_notASilentStream()
      throws Exception {
    start();
    String seen = push.publish("orders.7", "t", "{}");
    EventId ahead = EventId.parse(seen);
    String token = EventId.published(ahead.major() + 60_000, 0).toString();

    StreamRecorder resumed = push.subscribe(StreamRecorder.fast(), token, "orders.7");

    Status status = resumed.awaitClose(WAIT);
    assertThat(status.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(status.getDescription()).contains("ahead of every event").contains(token);
    assertThat(push.server().hub().subscriberCount()).isZero();
  }

  @Test
  void resume_withTheNewestId_waitsForLaterEvents() throws Exception {
    start();
    String newest = push.publish("orders.7", "t", "{}");

    StreamRecorder resumed = push.subscribed(StreamRecorder.fast(), newest, "orders.7");
    String next = push.publish("orders.7", "t", "{}");

    resumed.awaitEvents(1, WAIT);
    assertThat(resumed.eventIds()).containsExactly(next);
  }

  @Test
  void subscribe_sendsAHeartbeatAtOnce_soTheStreamIsVisiblyOpen() throws Exception {
    start();

    StreamRecorder recorder = push.subscribed(StreamRecorder.fast(), "", "orders.8");

    recorder.awaitItems(items -> !items.isEmpty(), Duration.ofSeconds(1));
    assertThat(recorder.items().getFirst().hasHeartbeat()).isTrue();
  }

  @Test
  void heartbeats_carryWhereTheStreamStands_soAClientWithoutEventsResumesWithoutAGap()
      throws Exception {
    start("PUSH_HEARTBEAT_INTERVAL", "100ms");
    String before = push.publish("orders.other", "t", "{}");

    StreamRecorder quiet = push.subscribed(StreamRecorder.fast(), "", "orders.7");
    quiet.awaitItems(items -> !items.isEmpty(), WAIT);
    assertThat(quiet.items().getFirst().getHeartbeat().getResumeToken()).isEqualTo(before);

    String delivered = push.publish("orders.7", "t", "{}");
    String otherTopic = push.publish("orders.other", "t", "{}");
    quiet.awaitItems(items -> resumeTokens(items).contains(otherTopic), WAIT);
    assertThat(quiet.eventIds()).containsExactly(delivered);
    quiet.cancel();
    Awaits.until(() -> push.server().hub().subscriberCount() == 0, WAIT);

    String missed = push.publish("orders.7", "t", "{}");
    StreamRecorder resumed =
        push.subscribed(StreamRecorder.fast(), resumeTokens(quiet.items()).getLast(), "orders.7");
    resumed.awaitEvents(1, WAIT);
    assertThat(resumed.eventIds()).containsExactly(missed);
  }

  private static List<String> resumeTokens(List<SubscribeResponse> items) {
    return items.stream()
        .filter(SubscribeResponse::hasHeartbeat)
        .map(item -> item.getHeartbeat().getResumeToken())
        .toList();
  }

  @Test
  void gapAtTheSource_isAResetInOrder_forLiveAndResumingSubscribers() throws Exception {
    start();
    StreamRecorder live = push.subscribed(StreamRecorder.fast(), "", "orders.7");
    String before = push.publish("orders.7", "t", "{}");
    live.awaitEvents(1, WAIT);

    EventId lost = EventId.published(EventId.parse(before).major() + 1, 0);
    push.server().hub().stream(TopicFamily.PUBLISHED)
        .gap(lost, ResetReason.RESET_REASON_SOURCE_TRIMMED);
    Thread.sleep(5); // in-process ids come from the clock: the next one is after the gap
    String after = push.publish("orders.7", "t", "{}");
    live.awaitEvents(2, WAIT);

    assertThat(withoutHeartbeats(live.items()))
        .extracting(PushServiceTest::describe)
        .containsExactly(
            "event " + before, "reset RESET_REASON_SOURCE_TRIMMED " + lost, "event " + after);
    StreamRecorder resumed = push.subscribed(StreamRecorder.fast(), before, "orders.7");
    resumed.awaitEvents(1, WAIT);
    assertThat(withoutHeartbeats(resumed.items()))
        .extracting(PushServiceTest::describe)
        .containsExactly("reset RESET_REASON_SOURCE_TRIMMED " + lost, "event " + after);
  }

  private static List<SubscribeResponse> withoutHeartbeats(List<SubscribeResponse> items) {
    return items.stream().filter(item -> !item.hasHeartbeat()).toList();
  }

  private static String describe(SubscribeResponse item) {
    return item.hasReset()
        ? "reset " + item.getReset().getReason() + " " + item.getReset().getResumeToken()
        : "event " + item.getEvent().getId();
  }

  @Test
  void idleStream_receivesHeartbeats() throws Exception {
    start("PUSH_HEARTBEAT_INTERVAL", "100ms");

    StreamRecorder idle = push.subscribed(StreamRecorder.fast(), "", "orders.7");

    idle.awaitItems(
        items -> items.stream().filter(SubscribeResponse::hasHeartbeat).count() >= 3, WAIT);
    assertThat(idle.items()).allMatch(SubscribeResponse::hasHeartbeat);
  }

  @Test
  void subscribeThenCancel_thousandTimes_leavesNoSubscribersQueuesOrTopics() throws Exception {
    start();
    Thread publisher =
        Thread.ofVirtual()
            .start(
                () -> {
                  while (!Thread.currentThread().isInterrupted()) {
                    push.server().published().publish("churn.1", "t", "{}");
                    Thread.onSpinWait();
                  }
                });
    try {
      for (int round = 0; round < 10; round++) {
        List<StreamRecorder> batch = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
          batch.add(push.subscribe(StreamRecorder.fast(), "", "churn.1", "churn." + i));
        }
        Awaits.until(() -> push.server().hub().subscriberCount() == 100, WAIT);
        batch.forEach(StreamRecorder::cancel);
        Awaits.until(
            () -> push.server().hub().subscriberCount() == 0,
            WAIT,
            () -> push.server().hub().subscriberCount() + " subscribers left");
      }
    } finally {
      publisher.interrupt();
      publisher.join();
    }

    assertThat(push.server().hub().queueDepths().total()).isZero();
    assertThat(
            push.server().hub().stream(dev.polyshop.push.fanout.TopicFamily.PUBLISHED).topicCount())
        .isZero();
  }
}
