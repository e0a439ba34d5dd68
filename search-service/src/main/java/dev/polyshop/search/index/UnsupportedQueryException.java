package dev.polyshop.search.index;

/** The request is well-formed but asks for more than the index will do (e.g. too many terms). */
public final class UnsupportedQueryException extends RuntimeException {

  public UnsupportedQueryException(String message) {
    super(message);
  }
}
