package dev.polyshop.push.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.polyshop.push.replay.EventId;
import dev.polyshop.push.replay.EventLog;
import dev.polyshop.push.replay.LoggedEvent;
import dev.polyshop.push.replay.WireMessage;
import dev.polyshop.push.v1.Event;
import dev.polyshop.push.v1.ResetReason;
import dev.polyshop.push.v1.SubscribeResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The replay/live state machine of one stream, driven directly: no gRPC call, no threads. */
class StreamCursorTest {

  private final List<String> stats = new ArrayList<>();
  private final FanoutStats recording =
      new FanoutStats() {
        @Override
        public void queueDiscarded(int events) {
          stats.add("discarded " + events);
        }

        @Override
        public void reset(ResetReason reason) {
          stats.add("reset " + reason);
        }
      };

  private EventStream stream(int retained) {
    return new EventStream(new EventLog(retained, 1 << 20), recording);
  }

  private static LoggedEvent log(EventStream stream, long millis, String topic) {
    EventId id = EventId.published(millis, 0);
    Event event = Event.newBuilder().setId(id.toString()).setTopic(topic).build();
    return stream.log().append(id, topic, SubscribeResponse.newBuilder().setEvent(event).build());
  }

  private static List<String> drain(StreamCursor cursor, EventStream stream) {
    List<String> sent = new ArrayList<>();
    for (WireMessage wire; (wire = cursor.next(stream.settledHead())) != null; ) {
      if (wire == StreamCursor.MORE) {
        continue;
      }
      // What the stream carries is the encoding: read the item back from it.
      SubscribeResponse next = decode(wire);
      sent.add(
          switch (next.getKindCase()) {
            case EVENT -> next.getEvent().getId();
            case RESET ->
                "reset " + next.getReset().getReason() + " " + next.getReset().getResumeToken();
            case HEARTBEAT -> "heartbeat " + next.getHeartbeat().getResumeToken();
            default -> "unexpected " + next;
          });
    }
    return sent;
  }

  private static SubscribeResponse decode(WireMessage wire) {
    try {
      return SubscribeResponse.parseFrom(wire.bytes());
    } catch (InvalidProtocolBufferException e) {
      throw new AssertionError("not a SubscribeResponse: " + wire, e);
    }
  }

  private static StreamCursor startedAfter(EventStream stream, EventId token, int queueLimit) {
    var cursor = new StreamCursor(stream, Set.of("a"), queueLimit, FanoutStats.NONE);
    cursor.start(stream.log().startAfter(token), token);
    return cursor;
  }

  @Test
  void replay_sendsItsTopicsInOrder_thenAHeartbeat_thenGoesLive() {
    EventStream stream = stream(100);
    log(stream, 1, "a");
    log(stream, 2, "b");
    log(stream, 3, "a");
    StreamCursor cursor = startedAfter(stream, EventId.published(0, 0), 8);

    assertThat(drain(cursor, stream)).containsExactly("p-1-0", "p-3-0", "heartbeat p-3-0");
    assertThat(cursor.live()).isTrue();

    assertThat(cursor.offer(log(stream, 4, "a"))).as("first queued event asks for a pass").isTrue();
    assertThat(cursor.offer(log(stream, 5, "a"))).isFalse();
    assertThat(drain(cursor, stream)).containsExactly("p-4-0", "p-5-0");
  }

  @Test
  void anEventReadFromTheLog_andOfferedAfterwards_isSentOnce() {
    EventStream stream = stream(100);
    StreamCursor cursor = startedAfter(stream, null, 8);
    assertThat(drain(cursor, stream)).containsExactly("heartbeat ");
    cursor.rescan();
    // Appended while the stream was reading the log; its offer arrives once the stream is live.
    LoggedEvent late = log(stream, 1, "a");

    assertThat(drain(cursor, stream)).containsExactly("p-1-0");
    assertThat(cursor.live()).isTrue();
    cursor.offer(late);
    assertThat(drain(cursor, stream)).isEmpty();
  }

  @Test
  void aFullLiveQueue_isDropped_andTheLogDeliversEverythingInstead() {
    EventStream stream = stream(100);
    var cursor = new StreamCursor(stream, Set.of("a"), 2, recording);
    cursor.start(stream.log().startAfter(null), null);
    drain(cursor, stream);

    for (int i = 1; i <= 5; i++) {
      cursor.offer(log(stream, i, "a"));
    }

    assertThat(stats).containsExactly("discarded 2");
    assertThat(cursor.live()).isFalse();
    assertThat(cursor.queueDepth()).isZero();
    assertThat(drain(cursor, stream)).containsExactly("p-1-0", "p-2-0", "p-3-0", "p-4-0", "p-5-0");
    assertThat(cursor.live()).isTrue();
  }

  @Test
  void eventsUpToTheFloor_areNeverSent() {
    EventStream stream = stream(100);
    log(stream, 1, "a");
    log(stream, 2, "a");
    log(stream, 3, "a");
    var cursor = new StreamCursor(stream, Set.of("a"), 8, FanoutStats.NONE);
    cursor.start(stream.log().startAfter(EventId.published(0, 0)), EventId.published(2, 0));

    assertThat(drain(cursor, stream)).containsExactly("p-3-0", "heartbeat p-3-0");
  }

  @Test
  void aResumeOlderThanTheLog_startsWithAResetNamingTheLastLostId() {
    EventStream stream = stream(2);
    for (int i = 1; i <= 4; i++) {
      log(stream, i, "a");
    }
    var cursor = new StreamCursor(stream, Set.of("a"), 8, recording);
    EventId token = EventId.published(1, 0);
    cursor.start(stream.log().startAfter(token), token);

    assertThat(drain(cursor, stream))
        .containsExactly(
            "reset RESET_REASON_RESUME_TOO_OLD p-2-0", "p-3-0", "p-4-0", "heartbeat p-4-0");
    assertThat(stats).containsExactly("reset RESET_REASON_RESUME_TOO_OLD");
  }

  @Test
  void aStreamOverrunWhileReadingTheLog_getsASlowConsumerReset_thenTheRest() {
    EventStream stream = stream(2);
    var cursor = new StreamCursor(stream, Set.of("a"), 1, recording);
    cursor.start(stream.log().startAfter(null), null);
    drain(cursor, stream);

    for (int i = 1; i <= 5; i++) {
      cursor.offer(log(stream, i, "a"));
    }

    assertThat(drain(cursor, stream))
        .containsExactly("reset RESET_REASON_SLOW_CONSUMER p-3-0", "p-4-0", "p-5-0");
  }

  @Test
  void whileWaitingToResume_heartbeatsCarryTheToken_andNothingElseIsSent() {
    EventStream stream = stream(100);
    log(stream, 1, "a");
    var cursor = new StreamCursor(stream, Set.of("a"), 8, FanoutStats.NONE);

    cursor.await(EventId.published(7, 0));

    assertThat(cursor.heartbeatDue()).isTrue();
    assertThat(drain(cursor, stream)).containsExactly("heartbeat p-7-0");
    assertThat(cursor.heartbeatDue()).isFalse();
  }

  @Test
  void aHeartbeatAfterEvents_standsAtTheSettledHead_evenIfTheLastEventWasNotOnItsTopics() {
    EventStream stream = stream(100);
    StreamCursor cursor = startedAfter(stream, null, 8);
    drain(cursor, stream);
    cursor.offer(log(stream, 1, "a"));
    log(stream, 2, "b"); // another topic: never offered to this stream

    cursor.heartbeatNow();

    assertThat(drain(cursor, stream)).containsExactly("p-1-0", "heartbeat p-2-0");
  }
}
