package dev.polyshop.gateway.upstream;

import java.lang.management.ManagementFactory;

/**
 * How many subscriptions the gateway holds at once. Each SSE subscriber keeps a socket open, so the
 * process's open-file limit is a real ceiling: past it the gateway cannot accept the connection at
 * all, and the subscriber waits in the kernel's accept queue without a word. Below it, the pool
 * refuses with 503 / {@code UNAVAILABLE} instead. {@link #RESERVED_FILES} stay for everything else
 * (other clients, upstream connections, jars), or half the limit where the limit is small.
 */
final class SubscriberLimit {

  /** Open files kept for everything but subscribers. */
  static final int RESERVED_FILES = 1024;

  private SubscriberLimit() {}

  /**
   * The bound: {@code configured} when above 0, else what the open-file limit leaves; never more
   * than the pool's {@code capacity}. An unknown limit ({@code openFileLimit} ≤ 0) leaves the
   * pool's capacity.
   */
  static int of(int configured, int capacity, long openFileLimit) {
    if (configured > 0) {
      return Math.min(configured, capacity);
    }
    if (openFileLimit <= 0) {
      return capacity;
    }
    long budget = Math.max(openFileLimit / 2, openFileLimit - RESERVED_FILES);
    return (int) Math.max(1, Math.min(capacity, budget));
  }

  /** This process's open-file limit (the JVM raises the soft limit to the hard one), or -1. */
  static long openFileLimit() {
    return ManagementFactory.getOperatingSystemMXBean()
            instanceof com.sun.management.UnixOperatingSystemMXBean unix
        ? unix.getMaxFileDescriptorCount()
        : -1;
  }
}
