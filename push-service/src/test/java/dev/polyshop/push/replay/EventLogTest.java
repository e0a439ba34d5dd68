package dev.polyshop.push.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyshop.push.v1.Event;
import dev.polyshop.push.v1.SubscribeResponse;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EventLogTest {

  private static SubscribeResponse message(int bytes) {
    return SubscribeResponse.newBuilder()
        .setEvent(Event.newBuilder().setDataJson("\"" + "x".repeat(bytes) + "\""))
        .build();
  }

  private static void append(EventLog log, long from, long to, String topic) {
    for (long i = from; i <= to; i++) {
      log.append(EventId.published(i, 0), topic, message(10));
    }
  }

  @Test
  void append_beyondMaxEvents_evictsOldest_andResumeFromEvictedRangeReportsGap() {
    EventLog log = new EventLog(3, 1 << 20);
    append(log, 1, 5, "t");

    assertThat(log.size()).isEqualTo(3);
    EventLog.Start start = log.startAfter(EventId.published(1, 0));
    assertThat(start.gap()).isEqualTo(EventId.published(2, 0));
    assertThat(log.next(start.cursor(), Set.of("t"), 10).event().id())
        .isEqualTo(EventId.published(3, 0));
  }

  @Test
  void append_beyondMaxBytes_evictsOldest() {
    EventLog log = new EventLog(1000, 2_000);
    for (int i = 1; i <= 10; i++) {
      log.append(EventId.published(i, 0), "t", message(500));
    }
    assertThat(log.bytes()).isLessThanOrEqualTo(2_000);
    assertThat(log.size()).isBetween(1, 3);
  }

  @Test
  void startAfter_retainedToken_continuesRightAfterIt_withoutGap() {
    EventLog log = new EventLog(10, 1 << 20);
    append(log, 1, 5, "t");

    EventLog.Start start = log.startAfter(EventId.published(3, 0));

    assertThat(start.gap()).isNull();
    assertThat(log.next(start.cursor(), Set.of("t"), 10).event().id())
        .isEqualTo(EventId.published(4, 0));
  }

  @Test
  void startAfter_tokenAheadOfLog_startsAtHead() {
    EventLog log = new EventLog(10, 1 << 20);
    append(log, 1, 2, "t");

    EventLog.Start start = log.startAfter(EventId.published(99, 0));

    assertThat(start.cursor()).isEqualTo(log.headSeq());
    assertThat(log.next(start.cursor(), Set.of("t"), 10).atHead()).isTrue();
  }

  @Test
  void startAfter_beforeIncompleteBoundary_reportsGapAtBoundary() {
    EventLog log = new EventLog(10, 1 << 20);
    log.append(EventId.catalog(4, 0), "t", message(1));
    log.append(EventId.catalog(7, 0), "t", message(1));
    log.markIncompleteThrough(EventId.afterPosition(4));

    EventLog.Start start = log.startAfter(EventId.catalog(1, 0));

    assertThat(start.gap()).isEqualTo(EventId.afterPosition(4));
    assertThat(log.next(start.cursor(), Set.of("t"), 10).event().id())
        .isEqualTo(EventId.catalog(7, 0));
    assertThat(log.startAfter(EventId.catalog(4, 2)).gap()).isEqualTo(EventId.afterPosition(4));
    assertThat(log.startAfter(EventId.afterPosition(4)).gap()).isNull();
  }

  @Test
  void next_skipsOtherTopics_andStopsAtScanBudget() {
    EventLog log = new EventLog(100, 1 << 20);
    append(log, 1, 50, "other");
    append(log, 51, 51, "mine");

    EventLog.Next partial = log.next(0, Set.of("mine"), 20);
    assertThat(partial.event()).isNull();
    assertThat(partial.atHead()).isFalse();
    assertThat(partial.cursor()).isEqualTo(20);

    EventLog.Next found = log.next(partial.cursor(), Set.of("mine"), 100);
    assertThat(found.event().id()).isEqualTo(EventId.published(51, 0));
    assertThat(found.atHead()).isTrue();
  }

  @Test
  void next_cursorEvictedWhileReading_reportsGapWithLastEvictedId() {
    EventLog log = new EventLog(2, 1 << 20);
    append(log, 1, 2, "t");
    long cursor = log.next(0, Set.of("t"), 10).cursor();
    append(log, 3, 5, "t");

    EventLog.Next next = log.next(cursor, Set.of("t"), 10);

    assertThat(next.gap()).isEqualTo(EventId.published(3, 0));
    assertThat(log.next(next.cursor(), Set.of("t"), 10).event().id())
        .isEqualTo(EventId.published(4, 0));
  }
}
