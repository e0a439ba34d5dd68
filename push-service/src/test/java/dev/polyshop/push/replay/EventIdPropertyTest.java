package dev.polyshop.push.replay;

import static dev.polyshop.push.testing.Cases.forAll;
import static org.assertj.core.api.Assertions.assertThat;

import dev.polyshop.push.fanout.EventStream;
import dev.polyshop.push.testing.Gen;
import org.junit.jupiter.api.Test;

/**
 * Every id or token the service can emit (events, position boundaries, the boundary before a Redis
 * entry, heartbeats, the deferred marker) parses back to itself and orders like the id it came
 * from. Cases come from a fixed seed; see {@link dev.polyshop.push.testing.Cases}.
 */
class EventIdPropertyTest {

  private static final int TRIES = 1_000;

  record TwoIds(EventId a, EventId b) {}

  record EntryAndEarlier(EventId entry, EventId earlier) {}

  record PositionAndIndex(long position, int n) {}

  @Test
  void everyEmittedToken_parsesBackToItself() {
    forAll(
        TRIES,
        emitted(),
        id -> {
          String token = id.toString();

          assertThat(EventId.parse(token)).isEqualTo(id);
          assertThat(EventId.parse(token).toString()).isEqualTo(token);
        });
  }

  @Test
  void parsedCatalogTokens_orderLikeTheIdsTheyCameFrom() {
    forAll(
        TRIES,
        Gen.combine(emittedCatalog(), emittedCatalog(), TwoIds::new),
        ids -> {
          EventId pa = EventId.parse(ids.a().toString());
          EventId pb = EventId.parse(ids.b().toString());
          assertThat(Integer.signum(pa.compareTo(pb)))
              .isEqualTo(Integer.signum(ids.a().compareTo(ids.b())));
        });
  }

  @Test
  void parsedPublishedTokens_orderLikeRedisStreamIds() {
    forAll(
        TRIES,
        Gen.combine(events(), events(), TwoIds::new),
        ids -> {
          EventId a = ids.a();
          EventId b = ids.b();
          EventId pa = EventId.parse(a.toString());
          EventId pb = EventId.parse(b.toString());
          int redisOrder =
              a.major() != b.major()
                  ? Long.compare(a.major(), b.major())
                  : Long.compare(a.minor(), b.minor());
          assertThat(Integer.signum(pa.compareTo(pb))).isEqualTo(Integer.signum(redisOrder));
        });
  }

  @Test
  void theBoundaryBeforeAnEntry_isBeforeIt_andAfterEveryEarlierEvent() {
    forAll(
        TRIES,
        Gen.combine(events(), events(), EntryAndEarlier::new),
        c -> {
          EventId before = EventId.parse(gapBefore(c.entry()).toString());

          assertThat(before).isLessThan(c.entry());
          if (c.earlier().compareTo(c.entry()) < 0) {
            assertThat(c.earlier()).isLessThanOrEqualTo(before);
          }
        });
  }

  @Test
  void aPositionBoundary_comesAfterEveryEventOfItsPosition_andBeforeTheNext() {
    forAll(
        TRIES,
        Gen.combine(positions(), indexes(), PositionAndIndex::new),
        c -> {
          EventId boundary = EventId.parse(EventId.afterPosition(c.position()).toString());

          assertThat(boundary).isGreaterThan(EventId.catalog(c.position(), c.n()));
          if (c.position() < Long.MAX_VALUE) {
            assertThat(boundary).isLessThan(EventId.catalog(c.position() + 1, 0));
          }
        });
  }

  /** What the Redis reader puts in the log (and in a Reset) right before the oldest entry left. */
  private static EventId gapBefore(EventId entry) {
    return entry.justBefore();
  }

  private static Gen<Long> positions() {
    return Gen.oneOf(
        Gen.longs(0, Long.MAX_VALUE),
        Gen.longs(0, 1_000),
        Gen.of(0L, 999_999_999_999_999_999L, Long.MAX_VALUE - 1, Long.MAX_VALUE));
  }

  private static Gen<Integer> indexes() {
    return Gen.ints(0, 3);
  }

  /** Published event ids: Redis entry ids (never 0-0) and in-process ids. */
  private static Gen<EventId> events() {
    Gen<Long> millis =
        Gen.oneOf(
            Gen.longs(1, Long.MAX_VALUE),
            Gen.longs(1_700_000_000_000L, 1_700_000_000_010L),
            Gen.of(1L, Long.MAX_VALUE));
    Gen<Long> sequence = Gen.oneOf(Gen.of(0L, 1L), Gen.longs(0, Long.MAX_VALUE - 1));
    return Gen.combine(millis, sequence, EventId::published);
  }

  private static Gen<EventId> emittedCatalog() {
    return Gen.oneOf(
        Gen.combine(positions(), indexes(), EventId::catalog),
        positions().map(EventId::afterPosition),
        Gen.constant(EventStream.DEFERRED));
  }

  /** Every kind of id or token: events, boundaries, Reset tokens, heartbeat tokens (a max). */
  private static Gen<EventId> emitted() {
    Gen<EventId> published = Gen.oneOf(events(), events().map(EventIdPropertyTest::gapBefore));
    return Gen.oneOf(
        emittedCatalog(),
        published,
        Gen.combine(published, published, EventId::max),
        Gen.combine(emittedCatalog(), emittedCatalog(), EventId::max));
  }
}
