package dev.polyshop.push.fanout;

import static dev.polyshop.push.testing.Cases.forAll;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.util.Timestamps;
import dev.polyshop.push.replay.EventId;
import dev.polyshop.push.testing.Gen;
import dev.polyshop.push.testing.PushConfigs;
import dev.polyshop.push.testing.PushUnderTest;
import dev.polyshop.push.testing.StreamRecorder;
import dev.polyshop.push.v1.ResetReason;
import dev.polyshop.push.v1.SubscribeResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Whatever ids a stream holds (any size, gaps at the source, evictions), every token the service
 * sends (event ids, Reset tokens, heartbeat tokens) parses back to itself, is accepted as a resume
 * token, and a stream's tokens never go backwards. Cases come from a fixed seed; see {@link
 * dev.polyshop.push.testing.Cases}.
 */
class EmittedTokensPropertyTest {

  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final String TOPIC = "orders.1";

  /** One step of a source: the next event (a jump of its major part, or not) or a gap before it. */
  record Step(long jump, boolean gapBefore) {}

  /** A stream's events from {@code start} on, kept {@code retained} at a time. */
  record Source(long start, List<Step> steps, int retained, boolean catalog) {}

  @Test
  void everyTokenSent_parsesBack_resumesAndNeverGoesBackwards() {
    forAll(15, sources(), EmittedTokensPropertyTest::checkTokensSent);
  }

  private static void checkTokensSent(Source source) throws Exception {
    long start = source.start();
    List<Step> steps = source.steps();
    int retained = source.retained();
    boolean catalog = source.catalog();
    String topic = catalog ? "product.p1" : TOPIC;
    try (PushUnderTest push =
        PushUnderTest.inProcess(
            PushConfigs.of(
                "PUSH_RETAINED_EVENTS",
                Integer.toString(retained),
                "PUSH_HEARTBEAT_INTERVAL",
                "50ms"))) {
      EventStream stream =
          push.server().hub().stream(catalog ? TopicFamily.CATALOG : TopicFamily.PUBLISHED);
      StreamRecorder live = push.subscribed(StreamRecorder.fast(), "", topic);
      EventId last = append(stream, start, steps, catalog, topic);
      List<StreamRecorder> recorders = new ArrayList<>(List.of(live));
      awaitThrough(live, last);
      for (String token : tokens(live.items()).stream().distinct().limit(8).toList()) {
        recorders.add(push.subscribed(StreamRecorder.fast(), token, topic));
      }

      for (StreamRecorder recorder : recorders) {
        awaitThrough(recorder, last);
        assertThat(recorder.status()).as("stream still open").isNull();
        List<EventId> sent = new ArrayList<>();
        for (String token : tokens(recorder.items())) {
          EventId id = EventId.parse(token);
          assertThat(id.toString()).isEqualTo(token);
          assertThat(sent.isEmpty() || id.compareTo(sent.getLast()) >= 0)
              .as("%s after %s", id, sent)
              .isTrue();
          sent.add(id);
        }
        assertThat(recorder.eventIds().stream().map(EventId::parse).toList())
            .doesNotHaveDuplicates();
      }
    }
  }

  private static EventId append(
      EventStream stream, long start, List<Step> steps, boolean catalog, String topic) {
    EventId id = null;
    long major = start;
    long minor = 0;
    for (Step step : steps) {
      if (step.jump() > 0 && major <= Long.MAX_VALUE - step.jump()) {
        major += step.jump();
        minor = 0;
      } else if (id != null) {
        minor++;
      }
      EventId next =
          catalog ? EventId.catalog(major, (int) minor) : EventId.published(major, minor);
      if (step.gapBefore() && next.justBefore() != null && next.justBefore().isAfter(id)) {
        if (catalog) {
          stream.log().markIncompleteThrough(next.justBefore());
        } else {
          stream.gap(next.justBefore(), ResetReason.RESET_REASON_SOURCE_TRIMMED);
        }
      }
      stream.append(next, topic, "t", "{}", Timestamps.fromMillis(0));
      id = next;
    }
    return id;
  }

  private static void awaitThrough(StreamRecorder recorder, EventId last) {
    recorder.awaitItems(
        items -> tokens(items).stream().anyMatch(t -> EventId.parse(t).compareTo(last) >= 0), WAIT);
  }

  private static List<String> tokens(List<SubscribeResponse> items) {
    return items.stream()
        .map(
            item ->
                switch (item.getKindCase()) {
                  case EVENT -> item.getEvent().getId();
                  case RESET -> item.getReset().getResumeToken();
                  case HEARTBEAT -> item.getHeartbeat().getResumeToken();
                  case KIND_NOT_SET -> "";
                })
        .filter(token -> !token.isEmpty())
        .toList();
  }

  private static Gen<Source> sources() {
    Gen<Integer> retained = Gen.ints(2, 12);
    Gen<Boolean> catalog = Gen.booleans();
    return random ->
        new Source(
            starts().next(random),
            steps().next(random),
            retained.next(random),
            catalog.next(random));
  }

  private static Gen<Long> starts() {
    return Gen.oneOf(
        Gen.longs(0, 10),
        Gen.longs(1_700_000_000_000L, 1_800_000_000_000L),
        Gen.longs(Long.MAX_VALUE - 1_000, Long.MAX_VALUE - 100));
  }

  private static Gen<List<Step>> steps() {
    Gen<Long> jumps = Gen.oneOf(Gen.of(0L, 1L), Gen.longs(2, 50));
    Gen<Step> step = Gen.combine(jumps, Gen.of(false, false, false, true), Step::new);
    return Gen.lists(step, 1, 25);
  }
}
