package dev.polyshop.product.catalog;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.OptionalLong;

/**
 * Opaque list cursor: base64url of the last returned product's insertion sequence. Clients must
 * treat it as a token; the prefix lets the format change without misreading old cursors.
 */
final class PageCursor {

  private static final String PREFIX = "p1:";

  private PageCursor() {}

  static String encode(long seq) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((PREFIX + seq).getBytes(StandardCharsets.US_ASCII));
  }

  /** The sequence a cursor stands for, or empty if it is not one of ours. */
  static OptionalLong decode(String cursor) {
    try {
      String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
      if (!text.startsWith(PREFIX)) {
        return OptionalLong.empty();
      }
      long seq = Long.parseLong(text.substring(PREFIX.length()));
      return seq < 0 ? OptionalLong.empty() : OptionalLong.of(seq);
    } catch (IllegalArgumentException notACursor) {
      return OptionalLong.empty();
    }
  }
}
