package dev.polyshop.push.api;

/** The request breaks a documented rule; the message says which. */
final class InvalidRequestException extends RuntimeException {

  InvalidRequestException(String message) {
    super(message);
  }
}
