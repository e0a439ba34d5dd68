package dev.polyshop.search.api;

/** A request field is out of bounds; the message names the field and the rule. */
final class InvalidRequestException extends RuntimeException {

  InvalidRequestException(String message) {
    super(message);
  }
}
