package dev.polyshop.kit;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * Query strings as every service checks them: strictly percent-encoded UTF-8, never decoded into
 * replacement characters. JDK only, so that the Spring services can use it without the rest of the
 * kit.
 */
public final class QueryStrings {

  private QueryStrings() {}

  /**
   * Strict percent-decoding of one name or value ({@code +} is a space): null if an escape is
   * broken, a character is not ASCII, or the bytes are not UTF-8.
   */
  public static @Nullable String decode(String raw) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%') {
        if (i + 2 >= raw.length()) {
          return null;
        }
        int high = Character.digit(raw.charAt(i + 1), 16);
        int low = Character.digit(raw.charAt(i + 2), 16);
        if (high < 0 || low < 0) {
          return null;
        }
        bytes.write(high << 4 | low);
        i += 2;
      } else if (c > 0x7f) {
        return null;
      } else {
        bytes.write(c == '+' ? ' ' : c);
      }
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray()))
          .toString();
    } catch (CharacterCodingException notUtf8) {
      return null;
    }
  }
}
