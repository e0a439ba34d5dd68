package dev.polyshop.push.fanout;

/** A resume token names a point after every event the source has produced. */
public final class ResumeAheadException extends RuntimeException {

  public ResumeAheadException(String message) {
    super(message);
  }
}
