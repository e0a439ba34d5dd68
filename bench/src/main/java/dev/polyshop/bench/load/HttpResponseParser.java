package dev.polyshop.bench.load;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * An incremental HTTP/1.1 response parser that only finds where a response ends: status code,
 * {@code Content-Length} or chunked body, and whether the server will close the connection. It
 * keeps no body bytes, so parsing allocates nothing per response.
 */
final class HttpResponseParser {

  private enum State {
    STATUS,
    HEADERS,
    BODY,
    CHUNK_SIZE,
    CHUNK_DATA,
    CHUNK_END,
    TRAILERS,
    DONE
  }

  private final byte[] line = new byte[8192];
  private int lineLength;
  private State state = State.STATUS;
  private int status;
  private long remaining;
  private boolean chunked;
  private boolean close;

  /**
   * Consumes bytes from {@code in}; returns true when a whole response has been read, leaving any
   * following bytes in the buffer.
   *
   * @throws IllegalStateException on a malformed response
   */
  boolean feed(ByteBuffer in) {
    while (in.hasRemaining() && state != State.DONE) {
      switch (state) {
        case BODY, CHUNK_DATA -> skipBody(in);
        default -> {
          if (readLine(in)) {
            onLine();
          }
        }
      }
    }
    return state == State.DONE;
  }

  int status() {
    return status;
  }

  /** Whether the server said it closes the connection after this response. */
  boolean closeAfter() {
    return close;
  }

  /** Prepares for the next response on the same connection. */
  void reset() {
    state = State.STATUS;
    lineLength = 0;
    status = 0;
    remaining = 0;
    chunked = false;
    close = false;
  }

  private void skipBody(ByteBuffer in) {
    int n = (int) Math.min(remaining, in.remaining());
    in.position(in.position() + n);
    remaining -= n;
    if (remaining == 0) {
      state = state == State.BODY ? State.DONE : State.CHUNK_END;
    }
  }

  private boolean readLine(ByteBuffer in) {
    while (in.hasRemaining()) {
      byte b = in.get();
      if (b == '\n') {
        if (lineLength > 0 && line[lineLength - 1] == '\r') {
          lineLength--;
        }
        return true;
      }
      if (lineLength == line.length) {
        throw new IllegalStateException("header line longer than " + line.length + " bytes");
      }
      line[lineLength++] = b;
    }
    return false;
  }

  private void onLine() {
    int length = lineLength;
    lineLength = 0;
    switch (state) {
      case STATUS -> {
        if (length < 12 || !startsWith("HTTP/1.", length)) {
          throw new IllegalStateException("not an HTTP/1.x status line");
        }
        status = digits(9, 12);
        state = State.HEADERS;
      }
      case HEADERS -> {
        if (length == 0) {
          endOfHeaders();
        } else {
          header(length);
        }
      }
      case CHUNK_SIZE -> {
        remaining = hex(length);
        state = remaining == 0 ? State.TRAILERS : State.CHUNK_DATA;
      }
      case CHUNK_END -> {
        if (length != 0) {
          throw new IllegalStateException("chunk not followed by CRLF");
        }
        state = State.CHUNK_SIZE;
      }
      case TRAILERS -> {
        if (length == 0) {
          state = State.DONE;
        }
      }
      default -> throw new IllegalStateException("unexpected line in state " + state);
    }
  }

  private void endOfHeaders() {
    boolean noBody = status == 204 || status == 304 || (status >= 100 && status < 200);
    if (chunked) {
      state = State.CHUNK_SIZE;
    } else if (noBody || remaining == 0) {
      state = State.DONE;
    } else {
      state = State.BODY;
    }
  }

  private void header(int length) {
    if (headerIs("content-length", length)) {
      remaining = decimal("content-length".length() + 1, length);
    } else if (headerIs("transfer-encoding", length)) {
      chunked = value("transfer-encoding".length(), length).toLowerCase().contains("chunked");
    } else if (headerIs("connection", length)) {
      close = value("connection".length(), length).equalsIgnoreCase("close");
    }
  }

  private boolean headerIs(String name, int length) {
    if (length <= name.length() || line[name.length()] != ':') {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      if (Character.toLowerCase(line[i]) != name.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private String value(int nameLength, int length) {
    return new String(line, nameLength + 1, length - nameLength - 1, StandardCharsets.US_ASCII)
        .trim();
  }

  private boolean startsWith(String prefix, int length) {
    if (length < prefix.length()) {
      return false;
    }
    for (int i = 0; i < prefix.length(); i++) {
      if (line[i] != prefix.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private int digits(int from, int to) {
    int value = 0;
    for (int i = from; i < to; i++) {
      int d = line[i] - '0';
      if (d < 0 || d > 9) {
        throw new IllegalStateException("bad status code");
      }
      value = value * 10 + d;
    }
    return value;
  }

  private long decimal(int from, int to) {
    long value = 0;
    int digits = 0;
    for (int i = from; i < to; i++) {
      if (line[i] == ' ' || line[i] == '\t') {
        continue;
      }
      int d = line[i] - '0';
      if (d < 0 || d > 9) {
        throw new IllegalStateException("bad Content-Length");
      }
      value = value * 10 + d;
      digits++;
    }
    if (digits == 0) {
      throw new IllegalStateException("empty Content-Length");
    }
    return value;
  }

  private long hex(int length) {
    long value = 0;
    int digits = 0;
    for (int i = 0; i < length && line[i] != ';'; i++) {
      int d = Character.digit(line[i], 16);
      if (d < 0) {
        if (line[i] == ' ' || line[i] == '\t') {
          continue;
        }
        throw new IllegalStateException("bad chunk size");
      }
      value = value * 16 + d;
      digits++;
    }
    if (digits == 0) {
      throw new IllegalStateException("empty chunk size");
    }
    return value;
  }
}
