package dev.polyshop.feed;

import java.io.IOException;

/** The feed no longer retains events after the consumer's cursor: the consumer must rebuild. */
public final class FeedResetException extends IOException {

  FeedResetException(long after) {
    super("change feed cannot resume after position " + after + "; rebuild from the start");
  }
}
