package dev.polyshop.bench.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;

/** One keep-alive connection with at most one request in flight. */
final class Connection {

  final HttpResponseParser parser = new HttpResponseParser();
  private final InetSocketAddress address;
  private final Selector selector;
  private SocketChannel channel;
  private SelectionKey key;
  private ByteBuffer out = ByteBuffer.allocate(0);
  long intendedNanos;
  long sentNanos;
  boolean busy;

  Connection(InetSocketAddress address, Selector selector) throws IOException {
    this.address = address;
    this.selector = selector;
    open();
  }

  /** Starts writing the request; true if it went out whole (the usual case on loopback). */
  void send(ByteBuffer request, long intended, long now) throws IOException {
    busy = true;
    intendedNanos = intended;
    sentNanos = now;
    parser.reset();
    out = request.duplicate();
    flush();
  }

  /** Writes what is left of the request, waiting for OP_WRITE if the socket buffer is full. */
  void flush() throws IOException {
    channel.write(out);
    key.interestOps(
        out.hasRemaining() ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
  }

  /** Reads into {@code buffer}; -1 when the server closed the connection. */
  int read(ByteBuffer buffer) throws IOException {
    return channel.read(buffer);
  }

  /** Drops the current socket and opens a new one (after an error or {@code Connection: close}). */
  void reopen() throws IOException {
    close();
    open();
  }

  void close() {
    busy = false;
    key.cancel();
    try {
      channel.close();
    } catch (IOException ignored) {
      // closing a broken socket: nothing left to do
    }
  }

  private void open() throws IOException {
    channel = SocketChannel.open();
    channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
    channel.connect(address);
    channel.configureBlocking(false);
    key = channel.register(selector, SelectionKey.OP_READ, this);
  }
}
