package dev.polyshop.push.fanout;

/** This instance already serves as many subscribers as it is configured for. */
public final class CapacityExceededException extends RuntimeException {

  public CapacityExceededException(String message) {
    super(message);
  }
}
