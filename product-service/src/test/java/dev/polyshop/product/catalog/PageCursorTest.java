package dev.polyshop.product.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PageCursorTest {

  @Test
  void encodedCursor_decodesToTheSameSequence() {
    String cursor = PageCursor.encode(123_456_789L);

    assertThat(cursor).matches("[A-Za-z0-9_-]+");
    assertThat(PageCursor.decode(cursor)).hasValue(123_456_789L);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "$$$", "MTIz", "cDE6LTE", "cDE6YWJj", "cDI6MTIz"})
  void foreignOrDamagedCursors_areRejected(String cursor) {
    assertThat(PageCursor.decode(cursor)).isEmpty();
  }
}
