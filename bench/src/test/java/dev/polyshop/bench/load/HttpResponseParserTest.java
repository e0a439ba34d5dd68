package dev.polyshop.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HttpResponseParserTest {

  private static final String GIN_PONG =
      "HTTP/1.1 200 OK\r\nContent-Type: application/json; charset=utf-8\r\n"
          + "Date: Tue, 01 Dec 2026 10:00:00 GMT\r\nContent-Length: 18\r\n\r\n{\"message\":\"pong\"}";

  private final HttpResponseParser parser = new HttpResponseParser();

  @Test
  void contentLengthResponse_completesAfterItsBody() {
    ByteBuffer in = bytes(GIN_PONG);

    assertThat(parser.feed(in)).isTrue();
    assertThat(parser.status()).isEqualTo(200);
    assertThat(parser.closeAfter()).isFalse();
    assertThat(in.hasRemaining()).isFalse();
  }

  @Test
  void responseSplitAtEveryByte_completesOnlyOnTheLastOne() {
    byte[] all = GIN_PONG.getBytes(StandardCharsets.US_ASCII);

    for (int i = 0; i < all.length - 1; i++) {
      assertThat(parser.feed(ByteBuffer.wrap(all, i, 1))).as("byte %d", i).isFalse();
    }

    assertThat(parser.feed(ByteBuffer.wrap(all, all.length - 1, 1))).isTrue();
  }

  @Test
  void chunkedResponse_completesAfterTheLastChunkAndTrailers() {
    String chunked =
        "HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n"
            + "7\r\n{\"a\":1,\r\n"
            + "A;ext=1\r\n\"b\":\"1234\"\r\n"
            + "1\r\n}\r\n"
            + "0\r\nX-Trailer: t\r\n\r\n";
    ByteBuffer in = bytes(chunked);

    assertThat(parser.feed(in)).isTrue();
    assertThat(in.hasRemaining()).isFalse();
  }

  @Test
  void chunkedResponse_withoutTheFinalCrlf_isNotComplete() {
    assertThat(
            parser.feed(
                bytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n")))
        .isFalse();
  }

  @Test
  void noContentAndEmptyBodies_completeAtTheEndOfTheHeaders() {
    assertThat(parser.feed(bytes("HTTP/1.1 204 No Content\r\nContent-Length: 5\r\n\r\n"))).isTrue();
    parser.reset();
    assertThat(parser.feed(bytes("HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n"))).isTrue();
  }

  @Test
  void errorStatusAndConnectionClose_areReported() {
    assertThat(
            parser.feed(
                bytes(
                    "HTTP/1.1 503 Unavailable\r\nConnection: close\r\nContent-Length: 2\r\n\r\nno")))
        .isTrue();

    assertThat(parser.status()).isEqualTo(503);
    assertThat(parser.closeAfter()).isTrue();
  }

  @Test
  void reset_readsTheNextResponseOnTheSameConnection() {
    ByteBuffer two = bytes(GIN_PONG + "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n");

    assertThat(parser.feed(two)).isTrue();
    assertThat(two.hasRemaining()).isTrue();
    parser.reset();
    assertThat(parser.feed(two)).isTrue();
    assertThat(parser.status()).isEqualTo(404);
  }

  @Test
  void somethingThatIsNotHttp_isRejected() {
    assertThatThrownBy(() -> parser.feed(bytes("SSH-2.0-OpenSSH_9.2\r\n")))
        .isInstanceOf(IllegalStateException.class);
  }

  private static ByteBuffer bytes(String s) {
    return ByteBuffer.wrap(s.getBytes(StandardCharsets.US_ASCII));
  }
}
