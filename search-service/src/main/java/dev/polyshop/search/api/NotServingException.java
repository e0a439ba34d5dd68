package dev.polyshop.search.api;

/** The index has not caught up with the catalog yet (or is rebuilding), so it does not answer. */
final class NotServingException extends RuntimeException {

  NotServingException() {
    super("search index is catching up with the catalog; retry shortly or on another replica");
  }
}
