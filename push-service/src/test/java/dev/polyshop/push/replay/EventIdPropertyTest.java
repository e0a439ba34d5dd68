package dev.polyshop.push.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyshop.push.fanout.EventStream;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Every id or token the service can emit (events, position boundaries, the boundary before a Redis
 * entry, heartbeats, the deferred marker) parses back to itself and orders like the id it came
 * from.
 */
class EventIdPropertyTest {

  @Property
  void everyEmittedToken_parsesBackToItself(@ForAll("emitted") EventId id) {
    String token = id.toString();

    assertThat(EventId.parse(token)).isEqualTo(id);
    assertThat(EventId.parse(token).toString()).isEqualTo(token);
  }

  @Property
  void parsedTokens_orderLikeTheIdsTheyCameFrom(
      @ForAll("emittedCatalog") EventId a, @ForAll("emittedCatalog") EventId b) {
    assertThat(Integer.signum(EventId.parse(a.toString()).compareTo(EventId.parse(b.toString()))))
        .isEqualTo(Integer.signum(a.compareTo(b)));
  }

  @Property
  void publishedTokens_orderLikeRedisStreamIds(
      @ForAll("events") EventId a, @ForAll("events") EventId b) {
    EventId pa = EventId.parse(a.toString());
    EventId pb = EventId.parse(b.toString());
    int redisOrder =
        a.major() != b.major()
            ? Long.compare(a.major(), b.major())
            : Long.compare(a.minor(), b.minor());
    assertThat(Integer.signum(pa.compareTo(pb))).isEqualTo(Integer.signum(redisOrder));
  }

  @Property
  void theBoundaryBeforeAnEntry_isBeforeIt_andAfterEveryEarlierEvent(
      @ForAll("events") EventId entry, @ForAll("events") EventId earlier) {
    EventId before = EventId.parse(gapBefore(entry).toString());

    assertThat(before).isLessThan(entry);
    if (earlier.compareTo(entry) < 0) {
      assertThat(earlier).isLessThanOrEqualTo(before);
    }
  }

  @Property
  void aPositionBoundary_comesAfterEveryEventOfItsPosition_andBeforeTheNext(
      @ForAll("positions") long position, @ForAll("indexes") int n) {
    EventId boundary = EventId.parse(EventId.afterPosition(position).toString());

    assertThat(boundary).isGreaterThan(EventId.catalog(position, n));
    if (position < Long.MAX_VALUE) {
      assertThat(boundary).isLessThan(EventId.catalog(position + 1, 0));
    }
  }

  /** What the Redis reader puts in the log (and in a Reset) right before the oldest entry left. */
  private static EventId gapBefore(EventId entry) {
    return entry.justBefore();
  }

  @Provide
  Arbitrary<Long> positions() {
    return Arbitraries.oneOf(
        Arbitraries.longs().between(0, Long.MAX_VALUE),
        Arbitraries.longs().between(0, 1_000),
        Arbitraries.of(0L, 999_999_999_999_999_999L, Long.MAX_VALUE - 1, Long.MAX_VALUE));
  }

  @Provide
  Arbitrary<Integer> indexes() {
    return Arbitraries.integers().between(0, 3);
  }

  /** Published event ids: Redis entry ids (never 0-0) and in-process ids. */
  @Provide
  Arbitrary<EventId> events() {
    Arbitrary<Long> millis =
        Arbitraries.oneOf(
            Arbitraries.longs().between(1, Long.MAX_VALUE),
            Arbitraries.longs().between(1_700_000_000_000L, 1_700_000_000_010L),
            Arbitraries.of(1L, Long.MAX_VALUE));
    Arbitrary<Long> sequence =
        Arbitraries.oneOf(
            Arbitraries.of(0L, 1L), Arbitraries.longs().between(0, Long.MAX_VALUE - 1));
    return Combinators.combine(millis, sequence).as(EventId::published);
  }

  @Provide
  Arbitrary<EventId> emittedCatalog() {
    return Arbitraries.oneOf(
        Combinators.combine(positions(), indexes()).as(EventId::catalog),
        positions().map(EventId::afterPosition),
        Arbitraries.just(EventStream.DEFERRED));
  }

  /** Every kind of id or token: events, boundaries, Reset tokens, heartbeat tokens (a max). */
  @Provide
  Arbitrary<EventId> emitted() {
    Arbitrary<EventId> published =
        Arbitraries.oneOf(events(), events().map(EventIdPropertyTest::gapBefore));
    return Arbitraries.oneOf(
        emittedCatalog(),
        published,
        Combinators.combine(published, published)
            .as((a, b) -> List.of(a, b).stream().reduce(EventId::max).orElseThrow()),
        Combinators.combine(emittedCatalog(), emittedCatalog()).as(EventId::max));
  }
}
