package dev.polyshop.push.replay;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An event id: {@code c-<position>-<n>} for catalog events, {@code p-<millis>-<seq>} for published
 * events; ids of one kind are totally ordered.
 *
 * <p>Catalog ids are derived from the change-feed position and the index of the event derived from
 * that position, so every replica assigns the same id to the same catalog event. {@code
 * c-<position>} (no index) names the boundary after every event derived from that position; it
 * appears only as a {@code Reset} token. Published ids mirror Redis stream ids.
 */
public record EventId(Kind kind, long major, long minor) implements Comparable<EventId> {

  /** The two id families; ids of different kinds are not comparable. */
  public enum Kind {
    CATALOG('c'),
    PUBLISHED('p');

    private final char prefix;

    Kind(char prefix) {
      this.prefix = prefix;
    }
  }

  private static final Pattern FORMAT = Pattern.compile("([cp])-(\\d{1,18})(?:-(\\d{1,18}))?");

  public EventId {
    if (major < 0 || minor < 0) {
      throw new IllegalArgumentException("event id parts must not be negative");
    }
  }

  /** The {@code n}-th event derived from feed position {@code position}. */
  public static EventId catalog(long position, int n) {
    return new EventId(Kind.CATALOG, position, n);
  }

  /** The boundary after every catalog event derived from {@code position}. */
  public static EventId afterPosition(long position) {
    return new EventId(Kind.CATALOG, position, Long.MAX_VALUE);
  }

  /** A published event id, shaped like the Redis stream id {@code <millis>-<seq>}. */
  public static EventId published(long millis, long sequence) {
    return new EventId(Kind.PUBLISHED, millis, sequence);
  }

  /**
   * Parses an id as produced by {@link #toString()}.
   *
   * @throws IllegalArgumentException when the text is not an event id
   */
  public static EventId parse(String text) {
    Matcher m = FORMAT.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException("not an event id: '" + abbreviate(text) + "'");
    }
    long major = Long.parseLong(m.group(2));
    if (m.group(1).equals("c")) {
      return m.group(3) == null ? afterPosition(major) : catalog(major, parseMinor(m.group(3)));
    }
    if (m.group(3) == null) {
      throw new IllegalArgumentException("not an event id: '" + abbreviate(text) + "'");
    }
    return published(major, Long.parseLong(m.group(3)));
  }

  private static int parseMinor(String text) {
    long n = Long.parseLong(text);
    if (n > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("not an event id: index too large");
    }
    return (int) n;
  }

  /** True when this id comes strictly after {@code other} (which may be null: nothing). */
  public boolean isAfter(EventId other) {
    return other == null || compareTo(other) > 0;
  }

  @Override
  public int compareTo(EventId other) {
    if (kind != other.kind) {
      throw new IllegalArgumentException("cannot order " + this + " against " + other);
    }
    int c = Long.compare(major, other.major);
    return c != 0 ? c : Long.compare(minor, other.minor);
  }

  /** The later of two ids of one kind; either may be null. */
  public static EventId max(EventId a, EventId b) {
    if (a == null) {
      return b;
    }
    return b == null || a.compareTo(b) >= 0 ? a : b;
  }

  @Override
  public String toString() {
    if (kind == Kind.CATALOG && minor == Long.MAX_VALUE) {
      return kind.prefix + "-" + major;
    }
    return kind.prefix + "-" + major + "-" + minor;
  }

  private static String abbreviate(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "...";
  }
}
