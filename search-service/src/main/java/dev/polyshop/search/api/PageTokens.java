package dev.polyshop.search.api;

import dev.polyshop.search.index.SortKey;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/**
 * Opaque page tokens: base64url of a format byte, the fingerprint of the query/filter/sort they
 * were issued for, and the sort key where the page ended.
 *
 * <p>The fingerprint makes a token from another search fail loudly instead of silently paging a
 * different result set. Tokens are not secret: a hand-made one can only move the start position.
 */
final class PageTokens {

  private static final byte FORMAT = 1;
  private static final int FINGERPRINT_BYTES = 8;
  private static final int MAX_TOKEN_LENGTH = 512;
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private PageTokens() {}

  /** A short hash of what makes two searches page the same result set. */
  static byte[] fingerprint(String... parts) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      for (String part : parts) {
        byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
        sha256.update(intBytes(bytes.length));
        sha256.update(bytes);
      }
      return Arrays.copyOf(sha256.digest(), FINGERPRINT_BYTES);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  static String encode(SortKey key, byte[] fingerprint) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(FORMAT);
      out.write(fingerprint);
      out.writeFloat(key.score());
      out.writeLong(key.priceMinor());
      out.writeLong(key.createdMillis());
      out.writeUTF(key.productId());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return ENCODER.encodeToString(bytes.toByteArray());
  }

  /**
   * @throws InvalidRequestException for a malformed token or one issued for another search
   */
  static SortKey decode(String token, byte[] fingerprint) {
    if (token.length() > MAX_TOKEN_LENGTH) {
      throw malformed();
    }
    byte[] bytes;
    try {
      bytes = DECODER.decode(token);
    } catch (IllegalArgumentException e) {
      throw malformed();
    }
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      if (in.readByte() != FORMAT) {
        throw malformed();
      }
      byte[] issuedFor = in.readNBytes(FINGERPRINT_BYTES);
      SortKey key = new SortKey(in.readFloat(), in.readLong(), in.readLong(), in.readUTF());
      if (in.available() > 0) {
        throw malformed();
      }
      if (!MessageDigest.isEqual(issuedFor, fingerprint)) {
        throw new InvalidRequestException(
            "page_token was issued for a different query, filter or sort; "
                + "start again without a page_token");
      }
      return key;
    } catch (IOException e) {
      throw malformed();
    }
  }

  private static InvalidRequestException malformed() {
    return new InvalidRequestException(
        "page_token is malformed; pass next_page_token from a previous response unchanged");
  }

  private static byte[] intBytes(int value) {
    return new byte[] {
      (byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value
    };
  }
}
