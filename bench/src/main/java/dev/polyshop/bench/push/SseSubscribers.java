package dev.polyshop.bench.push;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Browser-like subscribers to the gateway's Server-Sent Events route: one HTTP/1.1 connection each,
 * all read by one thread on one selector. The first body bytes (the opening heartbeat comment) mark
 * a subscriber as subscribed; an event is received when its {@code "seq":N} (the harness's event
 * data, see {@link Subscribers#seq}) arrives, and counts as event N.
 */
public final class SseSubscribers extends Subscribers {

  private final InetSocketAddress address;
  private final byte[] request;
  private final List<Connection> connections = new ArrayList<>();
  private final Selector selector;
  private volatile boolean running = true;
  private @Nullable Thread reader;

  /**
   * @param path e.g. {@code /api/events?topics=bench.fanout}
   */
  public SseSubscribers(String host, int port, String path, int wanted, int maxEvents)
      throws IOException {
    this(host, port, path, "", wanted, maxEvents);
  }

  /**
   * @param authorization the {@code Authorization} header's value (empty: none), e.g. a bearer
   *     token of a private topic's owner
   */
  public SseSubscribers(
      String host, int port, String path, String authorization, int wanted, int maxEvents)
      throws IOException {
    super(wanted, maxEvents);
    this.address = new InetSocketAddress(host, port);
    this.request =
        ("GET "
                + path
                + " HTTP/1.1\r\nHost: "
                + host
                + ":"
                + port
                + "\r\nAccept: text/event-stream\r\n"
                + (authorization.isEmpty() ? "" : "Authorization: " + authorization + "\r\n")
                + "\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    this.selector = Selector.open();
  }

  @Override
  public void open() throws IOException {
    for (int i = 0; i < wanted(); i++) {
      SocketChannel channel = SocketChannel.open();
      channel.configureBlocking(false);
      var c = new Connection(channel);
      connections.add(c);
      try {
        channel.connect(address);
        channel.register(selector, SelectionKey.OP_CONNECT, c);
      } catch (IOException e) {
        c.fail();
      }
    }
    reader = Thread.ofPlatform().name("sse-subscribers").daemon().start(this::readLoop);
  }

  private void readLoop() {
    ByteBuffer buffer = ByteBuffer.allocateDirect(64 * 1024);
    while (running) {
      try {
        selector.select(
            key -> {
              var c = (Connection) key.attachment();
              try {
                if (key.isConnectable()) {
                  c.channel.finishConnect();
                  c.channel.write(ByteBuffer.wrap(request));
                  key.interestOps(SelectionKey.OP_READ);
                } else if (key.isReadable()) {
                  buffer.clear();
                  if (c.channel.read(buffer) < 0) {
                    throw new IOException("closed by the server");
                  }
                  buffer.flip();
                  c.consume(buffer, System.nanoTime());
                }
              } catch (IOException e) {
                key.cancel();
                c.fail();
              }
            },
            100);
      } catch (IOException e) {
        return;
      }
    }
  }

  @Override
  public void close() throws IOException, InterruptedException {
    running = false;
    selector.wakeup();
    if (reader != null) {
      reader.join(5_000);
    }
    for (Connection c : connections) {
      c.channel.close();
    }
    selector.close();
  }

  /** The gateway's SSE form of push-service's {@code Reset}. */
  private static final byte[] RESET_MARKER = "event:reset\n".getBytes(StandardCharsets.US_ASCII);

  /** What precedes the event's number in its data. */
  private static final byte[] SEQ_MARKER = "\"seq\":".getBytes(StandardCharsets.US_ASCII);

  /** One subscriber's connection and where its parsing stands. */
  private final class Connection {
    private static final byte[] HEAD_END = {'\r', '\n', '\r', '\n'};
    private static final byte[] CHUNKED = "chunked\r\n".getBytes(StandardCharsets.US_ASCII);
    private final SocketChannel channel;
    private final Matcher head = new Matcher(HEAD_END);
    private final Matcher chunkedHeader = new Matcher(CHUNKED);
    private final Dechunker body = new Dechunker();
    private boolean chunked;
    private final Matcher seqMarker = new Matcher(SEQ_MARKER);
    private int seq;
    private int seqDigits = -1; // -1: not reading a number
    private final Matcher reset = new Matcher(RESET_MARKER);
    private final byte[] status = new byte[12];
    private int statusLength;
    private boolean inBody;
    private boolean subscribed;
    private boolean done;

    Connection(SocketChannel channel) {
      this.channel = channel;
    }

    void consume(ByteBuffer bytes, long now) throws IOException {
      while (bytes.hasRemaining()) {
        byte b = bytes.get();
        if (!inBody) {
          if (statusLength < status.length) {
            status[statusLength++] = b;
          }
          chunked |= chunkedHeader.next(b);
          if (head.next(b)) {
            inBody = true;
            if (!new String(status, StandardCharsets.US_ASCII).startsWith("HTTP/1.1 200")) {
              throw new IOException("answered " + new String(status, StandardCharsets.US_ASCII));
            }
          }
          continue;
        }
        if (!subscribed) {
          subscribed = true;
          firstMessage();
        }
        // Chunk framing can fall inside an event line: match the content only.
        if (chunked && !body.isContent(b)) {
          continue;
        }
        if (seqDigits >= 0) {
          if (b >= '0' && b <= '9' && seqDigits < 9) {
            seq = seq * 10 + (b - '0');
            seqDigits++;
            continue;
          }
          if (seqDigits > 0) {
            received(seq, now);
          }
          seqDigits = -1;
        }
        if (seqMarker.next(b)) {
          seq = 0;
          seqDigits = 0;
        }
        if (reset.next(b)) {
          resetReceived();
        }
      }
    }

    void fail() {
      if (!subscribed && !done) {
        done = true;
        failed();
      }
    }
  }

  /** Tells content bytes from chunk framing in a chunked HTTP/1.1 body, byte by byte. */
  static final class Dechunker {
    private long remaining;
    private boolean inSizeLine = true;
    private boolean sizeDone;
    private int afterData; // CR LF after a chunk's data still to skip

    /** Feeds one body byte; true if it is content, false if it is framing. */
    boolean isContent(byte b) {
      if (afterData > 0) {
        afterData--;
        return false;
      }
      if (!inSizeLine) {
        if (--remaining == 0) {
          inSizeLine = true;
          afterData = 2;
        }
        return true;
      }
      if (b == '\n') {
        inSizeLine = remaining == 0; // a zero-size chunk ends the body: all framing from here
        sizeDone = false;
      } else if (b == ';' || b == '\r') {
        sizeDone = true; // chunk extensions and the CR are not part of the size
      } else if (!sizeDone) {
        remaining = remaining * 16 + Character.digit(b, 16);
      }
      return false;
    }
  }

  /** Finds a byte sequence in a stream, across reads (Knuth–Morris–Pratt). */
  static final class Matcher {
    private final byte[] pattern;
    private final int[] fallback;
    private int matched;

    Matcher(byte[] pattern) {
      this.pattern = pattern;
      this.fallback = new int[pattern.length];
      for (int i = 1, k = 0; i < pattern.length; i++) {
        while (k > 0 && pattern[i] != pattern[k]) {
          k = fallback[k - 1];
        }
        if (pattern[i] == pattern[k]) {
          k++;
        }
        fallback[i] = k;
      }
    }

    /** Feeds one byte; true when it completes an occurrence. */
    boolean next(byte b) {
      while (matched > 0 && b != pattern[matched]) {
        matched = fallback[matched - 1];
      }
      if (b == pattern[matched]) {
        matched++;
      }
      if (matched == pattern.length) {
        matched = fallback[matched - 1];
        return true;
      }
      return false;
    }
  }
}
