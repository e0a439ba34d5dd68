package dev.polyshop.push.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EventIdTest {

  @Test
  void parse_roundTripsEveryShape() {
    for (String text :
        new String[] {
          "c-42-0",
          "c-42-3",
          "c-42",
          "p-1700000000000-7",
          "p-1700000000000",
          "c-9223372036854775807"
        }) {
      assertThat(EventId.parse(text).toString()).isEqualTo(text);
    }
  }

  @Test
  void catalogIds_orderByPositionThenIndex_andPositionBoundaryComesAfterAllItsEvents() {
    assertThat(EventId.parse("c-9-3")).isLessThan(EventId.parse("c-10-0"));
    assertThat(EventId.parse("c-10-0")).isLessThan(EventId.parse("c-10-2"));
    assertThat(EventId.parse("c-10-3")).isLessThan(EventId.parse("c-10"));
    assertThat(EventId.parse("c-10")).isLessThan(EventId.parse("c-11-0"));
  }

  @Test
  void publishedIds_orderLikeRedisStreamIds() {
    assertThat(EventId.parse("p-5-10")).isGreaterThan(EventId.parse("p-5-9"));
    assertThat(EventId.parse("p-6-0")).isGreaterThan(EventId.parse("p-5-99"));
  }

  @Test
  void parse_rejectsGarbageAndIncompletePublishedIds() {
    for (String text :
        new String[] {
          "",
          "x-1-1",
          "c--1",
          "c-1-2-3",
          "c-99999999999999999999",
          "c-9223372036854775808",
          "c-1-2147483648",
          "p-5-9223372036854775807"
        }) {
      assertThatThrownBy(() -> EventId.parse(text))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("not an event id");
    }
  }

  @Test
  void theTokenBeforeARedisEntryWithSequenceZero_isTheBoundaryOfThePreviousMillisecond() {
    EventId entry = EventId.parse("p-1700000000000-0");

    EventId before = entry.justBefore();

    assertThat(before.toString()).isEqualTo("p-1699999999999");
    assertThat(EventId.parse(before.toString())).isEqualTo(before);
    assertThat(before)
        .isGreaterThan(EventId.parse("p-1699999999999-" + (Long.MAX_VALUE - 1)))
        .isLessThan(entry);
    assertThat(EventId.parse("p-1700000000000-5").justBefore().toString())
        .isEqualTo("p-1700000000000-4");
  }

  @Test
  void compare_acrossFamilies_isRefused() {
    assertThatThrownBy(() -> EventId.parse("c-1-0").compareTo(EventId.parse("p-1-0")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
