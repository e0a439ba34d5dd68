package dev.polyshop.push.api;

import com.google.protobuf.ByteString;
import com.google.protobuf.ExtensionRegistryLite;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.polyshop.push.replay.WireMessage;
import dev.polyshop.push.v1.SubscribeResponse;
import io.grpc.Drainable;
import io.grpc.KnownLength;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Subscribe's response marshaller: hands gRPC the encoding a {@link WireMessage} already holds, so
 * the transport copies those bytes into its buffer instead of serialising the message per stream.
 */
final class WireMarshaller implements MethodDescriptor.Marshaller<WireMessage> {

  static final WireMarshaller INSTANCE = new WireMarshaller();

  private WireMarshaller() {}

  @Override
  public InputStream stream(WireMessage value) {
    return new Encoded(value.bytes());
  }

  @Override
  public WireMessage parse(InputStream stream) {
    try {
      return WireMessage.of(
          SubscribeResponse.parseFrom(stream, ExtensionRegistryLite.getEmptyRegistry()));
    } catch (InvalidProtocolBufferException e) {
      throw Status.INTERNAL
          .withDescription("invalid SubscribeResponse")
          .withCause(e)
          .asRuntimeException();
    } catch (IOException e) {
      throw Status.INTERNAL
          .withDescription("unreadable SubscribeResponse")
          .withCause(e)
          .asRuntimeException();
    }
  }

  /**
   * An encoding as gRPC's framer reads it: the length first ({@link KnownLength}), then the bytes
   * drained into its buffer in one write ({@link Drainable}).
   */
  static final class Encoded extends InputStream implements KnownLength, Drainable {
    private final ByteString bytes;
    private int position;

    Encoded(ByteString bytes) {
      this.bytes = bytes;
    }

    @Override
    public int drainTo(OutputStream target) throws IOException {
      int drained = available();
      bytes.substring(position).writeTo(target);
      position = bytes.size();
      return drained;
    }

    @Override
    public int available() {
      return bytes.size() - position;
    }

    @Override
    public int read() {
      return position < bytes.size() ? bytes.byteAt(position++) & 0xff : -1;
    }

    @Override
    public int read(byte[] target, int offset, int length) {
      if (length == 0) {
        return 0;
      }
      int n = Math.min(length, available());
      if (n == 0) {
        return -1;
      }
      bytes.copyTo(target, position, offset, n);
      position += n;
      return n;
    }
  }
}
