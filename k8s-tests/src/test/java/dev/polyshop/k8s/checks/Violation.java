package dev.polyshop.k8s.checks;

/**
 * One failed check: which check, on which object ("Deployment/gateway"), and what is wrong.
 *
 * @param check the check's id, e.g. {@code read-only-root-filesystem}
 * @param object the object it is about
 * @param detail what is missing or wrong, for the failure message
 */
public record Violation(String check, String object, String detail) {

  @Override
  public String toString() {
    return check + " " + object + ": " + detail;
  }
}
