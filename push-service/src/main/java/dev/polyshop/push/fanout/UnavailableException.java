package dev.polyshop.push.fanout;

/** The service cannot do this right now (shutting down, Redis unreachable); clients may retry. */
public final class UnavailableException extends RuntimeException {

  public UnavailableException(String message, Throwable cause) {
    super(message, cause);
  }

  public UnavailableException(String message) {
    super(message);
  }
}
