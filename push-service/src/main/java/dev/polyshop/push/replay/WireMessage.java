package dev.polyshop.push.replay;

import com.google.protobuf.ByteString;
import dev.polyshop.push.v1.SubscribeResponse;

/**
 * A Subscribe stream item together with its protobuf encoding, made once: an event goes to every
 * subscriber of its topic as these same bytes, so fanning it out to 100,000 streams encodes it
 * once, not 100,000 times.
 */
public final class WireMessage {

  private final SubscribeResponse message;
  private final ByteString bytes;

  private WireMessage(SubscribeResponse message, ByteString bytes) {
    this.message = message;
    this.bytes = bytes;
  }

  /** Encodes {@code message} now. */
  public static WireMessage of(SubscribeResponse message) {
    return new WireMessage(message, message.toByteString());
  }

  public SubscribeResponse message() {
    return message;
  }

  /** The message's encoding. */
  public ByteString bytes() {
    return bytes;
  }

  @Override
  public String toString() {
    return message.toString();
  }
}
