package dev.polyshop.push.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyshop.push.replay.EventId;
import dev.polyshop.push.replay.EventLog;
import dev.polyshop.push.testing.Awaits;
import dev.polyshop.push.testing.PushConfigs;
import dev.polyshop.push.testing.PushUnderTest;
import dev.polyshop.push.testing.StreamRecorder;
import dev.polyshop.push.v1.ResetReason;
import dev.polyshop.push.v1.SubscribeResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One subscriber reads a message a second while 100,000 events are published: server memory stays
 * within fixed bounds, fast subscribers get everything, the slow one gets an explicit gap signal.
 *
 * <p>Runs on the in-process transport, whose flow control is exact (a message is sent only when the
 * client asked for it), so the slow client stalls the server immediately instead of after filling
 * HTTP/2 windows.
 */
class SlowConsumerTest {

  private static final int EVENTS = 100_000;
  private static final int QUEUE_BOUND = 64;
  private static final int RETAINED = 10_000;

  private PushUnderTest push;
  private ScheduledExecutorService clock;

  @AfterEach
  void stop() {
    if (clock != null) {
      clock.shutdownNow();
    }
    if (push != null) {
      push.close();
    }
  }

  @Test
  void slowSubscriber_isBoundedAndReset_whileFastSubscribersReceiveEverything() throws Exception {
    push =
        PushUnderTest.inProcess(
            PushConfigs.of(
                "PUSH_SUBSCRIBER_QUEUE", Integer.toString(QUEUE_BOUND),
                "PUSH_RETAINED_EVENTS", Integer.toString(RETAINED)));
    Hub hub = push.server().hub();
    EventLog log = hub.stream(TopicFamily.PUBLISHED).log();
    StreamRecorder fast1 = push.subscribed(StreamRecorder.fast(), "", "load");
    StreamRecorder fast2 = push.subscribed(StreamRecorder.fast(), "", "load");
    StreamRecorder slow = push.subscribed(StreamRecorder.manual(1), "", "load");
    clock = Executors.newSingleThreadScheduledExecutor();
    clock.scheduleAtFixedRate(() -> slow.request(1), 1, 1, TimeUnit.SECONDS);
    AtomicInteger deepestQueue = new AtomicInteger();
    clock.scheduleAtFixedRate(
        () -> deepestQueue.accumulateAndGet(hub.queueDepths().max(), Math::max),
        0,
        1,
        TimeUnit.MILLISECONDS);

    PublishedEvents publisher = push.server().published();
    for (int sent = 0; sent < EVENTS; ) {
      for (int i = 0; i < 1_000; i++, sent++) {
        publisher.publish("load", "tick", "{\"n\":" + sent + "}");
      }
      int published = sent;
      fast1.awaitEvents(published, Duration.ofSeconds(30));
      fast2.awaitEvents(published, Duration.ofSeconds(30));
      // Bounds hold at every step, whatever the slow client does.
      assertThat(log.size()).isLessThanOrEqualTo(RETAINED);
      assertThat(hub.queueDepths().max()).isLessThanOrEqualTo(QUEUE_BOUND);
    }

    for (StreamRecorder fast : List.of(fast1, fast2)) {
      assertThat(fast.events()).hasSize(EVENTS);
      assertThat(fast.items()).noneMatch(SubscribeResponse::hasReset);
      List<String> ids = fast.eventIds();
      for (int i = 1; i < ids.size(); i++) {
        assertThat(EventId.parse(ids.get(i)).isAfter(EventId.parse(ids.get(i - 1)))).isTrue();
      }
    }
    assertThat(deepestQueue.get()).isLessThanOrEqualTo(QUEUE_BOUND);
    // Server-side retention after the run: at most RETAINED events in the log and at most
    // QUEUE_BOUND references per subscriber queue, independent of the 100,000 published.
    assertThat(log.size()).isEqualTo(RETAINED);
    assertThat(hub.queueDepths().total()).isLessThanOrEqualTo(3L * QUEUE_BOUND);

    // The slow stream: a few events, then a Reset; every gap it has is announced by a Reset
    // whose token is the event just before the next one it gets.
    Awaits.until(
        () -> endsWithEventAfterReset(slow.items()),
        Duration.ofSeconds(10),
        () -> slow.items().toString());
    List<String> all = fast1.eventIds();
    List<SubscribeResponse> items = slow.items().stream().filter(i -> !i.hasHeartbeat()).toList();
    int firstReset = indexOfFirstReset(items);
    assertThat(items.subList(0, firstReset))
        .allMatch(SubscribeResponse::hasEvent)
        .hasSizeLessThan(5);
    assertThat(items.get(firstReset).getReset().getReason())
        .isEqualTo(ResetReason.RESET_REASON_SLOW_CONSUMER);
    String previous = null;
    for (SubscribeResponse item : items) {
      if (item.hasReset()) {
        previous = item.getReset().getResumeToken();
        continue;
      }
      String id = item.getEvent().getId();
      if (previous != null) {
        assertThat(all.indexOf(id))
            .as("%s follows %s", id, previous)
            .isEqualTo(all.indexOf(previous) + 1);
      }
      previous = id;
    }
  }

  private static boolean endsWithEventAfterReset(List<SubscribeResponse> items) {
    return indexOfFirstReset(items) >= 0 && items.getLast().hasEvent();
  }

  private static int indexOfFirstReset(List<SubscribeResponse> items) {
    for (int i = 0; i < items.size(); i++) {
      if (items.get(i).hasReset()) {
        return i;
      }
    }
    return -1;
  }
}
