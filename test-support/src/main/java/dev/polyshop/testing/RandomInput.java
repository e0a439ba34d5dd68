package dev.polyshop.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Hostile values for fuzz tests, drawn from one seeded generator so that a failing run can be
 * repeated: random bytes, invalid UTF-8, broken percent-encodings, odd Unicode, extreme numbers.
 */
public final class RandomInput {

  private static final List<String> EDGE_TEXT =
      List.of(
          "",
          " ",
          "0",
          "-1",
          "1",
          "20",
          "100",
          "101",
          "9223372036854775807",
          "9223372036854775808",
          "-9223372036854775808",
          "1e3",
          "0x10",
          "NaN",
          "null",
          "true",
          "[]",
          "{}",
          "\"",
          "'",
          "\\",
          "%",
          "%00",
          "../../etc/passwd",
          "<script>",
          "${jndi:x}",
          "\u0000",
          "\u202e",
          "\ud83d\ude00",
          "\ufeff",
          "Ω",
          "é",
          "  10  ",
          "*",
          "W/\"1\"");

  private final SplittableRandom random;

  public RandomInput(SplittableRandom random) {
    this.random = random;
  }

  /** The generator for request {@code index} of a run with {@code seed}, independent of order. */
  public static RandomInput forRequest(long seed, int index) {
    return new RandomInput(new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index));
  }

  public int nextInt(int bound) {
    return random.nextInt(bound);
  }

  /** A number in {@code [origin, bound)}. */
  public int nextInt(int origin, int bound) {
    return random.nextInt(origin, bound);
  }

  public boolean chance(double probability) {
    return random.nextDouble() < probability;
  }

  public <T> T pick(List<T> choices) {
    return choices.get(random.nextInt(choices.size()));
  }

  /** Up to {@code max} uniformly random bytes. */
  public byte[] bytes(int max) {
    byte[] bytes = new byte[random.nextInt(max + 1)];
    random.nextBytes(bytes);
    return bytes;
  }

  /** A string of random code points (including controls, surrogates' neighbours and emoji). */
  public String text(int maxLength) {
    StringBuilder text = new StringBuilder();
    int length = random.nextInt(maxLength + 1);
    for (int i = 0; i < length; i++) {
      int codePoint =
          switch (random.nextInt(4)) {
            case 0 -> random.nextInt(0x20, 0x7f);
            case 1 -> random.nextInt(0, 0x20);
            case 2 -> random.nextInt(0xa0, 0xd800);
            default -> random.nextInt(0xe000, 0x10ffff);
          };
      text.appendCodePoint(codePoint);
    }
    return text.toString();
  }

  /** Text for a parameter or field: edge cases, random Unicode, random bytes read as Latin-1. */
  public String value() {
    return switch (random.nextInt(5)) {
      case 0 -> pick(EDGE_TEXT);
      case 1 -> text(24);
      case 2 -> new String(bytes(24), StandardCharsets.ISO_8859_1);
      case 3 -> Long.toString(random.nextLong());
      default -> "x".repeat(random.nextInt(1, 5000));
    };
  }

  /**
   * A query-string or path value as it goes on the wire: correctly percent-encoded UTF-8, random
   * bytes percent-encoded (mostly invalid UTF-8), broken escapes, or raw bytes no URI may carry.
   */
  public byte[] uriComponent() {
    return switch (random.nextInt(6)) {
      case 0, 1 -> percentEncode(value().getBytes(StandardCharsets.UTF_8));
      case 2 -> percentEncode(bytes(16));
      case 3 ->
          pick(List.of("%", "%2", "%zz", "%%41", "%C3%28", "%FF", "%ED%A0%80", "%C0%AF"))
              .getBytes(StandardCharsets.US_ASCII);
      case 4 -> withoutLineBreaks(bytes(12));
      default -> ascii(random.nextInt(1, 40)).getBytes(StandardCharsets.US_ASCII);
    };
  }

  /**
   * Raw bytes for a request target never carry CR or LF: those end the request line early and make
   * it an HTTP/0.9 request, which is answered with a bare body, as that protocol prescribes.
   */
  private static byte[] withoutLineBreaks(byte[] bytes) {
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == '\r' || bytes[i] == '\n') {
        bytes[i] = (byte) 0x7f;
      }
    }
    return bytes;
  }

  /** Bytes for a header value: mostly printable, sometimes controls, high bytes or bare LF. */
  public byte[] headerValue() {
    return switch (random.nextInt(4)) {
      case 0 -> value().getBytes(StandardCharsets.UTF_8);
      case 1 -> bytes(40);
      default -> ascii(random.nextInt(0, 60)).getBytes(StandardCharsets.US_ASCII);
    };
  }

  /** Printable ASCII, no space. */
  public String ascii(int length) {
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      text.append((char) random.nextInt(0x21, 0x7f));
    }
    return text.toString();
  }

  /** Every byte outside unreserved characters as {@code %XX}. */
  public static byte[] percentEncode(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte b : bytes) {
      if (Character.isLetterOrDigit(b) && b > 0 || b == '-' || b == '.' || b == '_' || b == '~') {
        out.write(b);
      } else {
        out.write('%');
        out.writeBytes(
            HexFormat.of().withUpperCase().toHexDigits(b).getBytes(StandardCharsets.US_ASCII));
      }
    }
    return out.toByteArray();
  }

  /** Bytes for a log line or assertion message: printable ASCII kept, the rest as {@code \xNN}. */
  public static String escape(byte[] bytes) {
    StringBuilder out = new StringBuilder();
    for (byte b : bytes) {
      if (b >= 0x20 && b < 0x7f && b != '\\') {
        out.append((char) b);
      } else {
        out.append("\\x").append(HexFormat.of().toHexDigits(b));
      }
    }
    return out.toString();
  }
}
