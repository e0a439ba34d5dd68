package dev.polyshop.push.replay;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * An event id ({@code c-<position>-<n>} for catalog events, {@code p-<millis>-<seq>} for published
 * events) or a boundary ({@code c-<position>}, {@code p-<millis>}); ids of one kind are totally
 * ordered.
 *
 * <p>Catalog ids are derived from the change-feed position and the index of the event derived from
 * that position, so every replica assigns the same id to the same catalog event. Published ids
 * mirror Redis stream ids. A boundary {@code <kind>-<major>} comes after every id with that major
 * part and before every id with a larger one; it only appears as a token (Reset, Heartbeat), never
 * as an event's id. Every id and boundary prints as text that {@link #parse} turns back into it.
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

  /** The minor part of a boundary: after every real minor part. */
  private static final long BOUNDARY = Long.MAX_VALUE;

  private static final Pattern FORMAT = Pattern.compile("([cp])-(\\d{1,19})(?:-(\\d{1,19}))?");

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
    return boundary(Kind.CATALOG, position);
  }

  /** The boundary after every id of {@code kind} whose major part is {@code major}. */
  public static EventId boundary(Kind kind, long major) {
    return new EventId(kind, major, BOUNDARY);
  }

  /**
   * A published event id, shaped like the Redis stream id {@code <millis>-<seq>}; sequence {@link
   * Long#MAX_VALUE} is the boundary after millisecond {@code millis}.
   */
  public static EventId published(long millis, long sequence) {
    return new EventId(Kind.PUBLISHED, millis, sequence);
  }

  /**
   * Parses an id or boundary as produced by {@link #toString()}.
   *
   * @throws IllegalArgumentException when the text is not an event id
   */
  public static EventId parse(String text) {
    Matcher m = FORMAT.matcher(text);
    if (!m.matches()) {
      throw notAnId(text, "expected c-<position>[-<n>] or p-<millis>[-<seq>]");
    }
    Kind kind = m.group(1).equals("c") ? Kind.CATALOG : Kind.PUBLISHED;
    long major = parsePart(text, m.group(2), BOUNDARY);
    if (m.group(3) == null) {
      return boundary(kind, major);
    }
    long limit = kind == Kind.CATALOG ? Integer.MAX_VALUE : BOUNDARY - 1;
    return new EventId(kind, major, parsePart(text, m.group(3), limit));
  }

  private static long parsePart(String text, String digits, long max) {
    try {
      long value = Long.parseLong(digits);
      if (value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw notAnId(text, "a part is out of range");
  }

  private static IllegalArgumentException notAnId(String text, String why) {
    return new IllegalArgumentException(
        "not an event id: '" + abbreviate(text) + "' (" + why + ")");
  }

  /** True for a boundary ({@code <kind>-<major>}), false for an event's id. */
  public boolean isBoundary() {
    return minor == BOUNDARY;
  }

  /**
   * The latest id or boundary before this event id, so that no id lies strictly between the two:
   * {@code p-7-2} → {@code p-7-1}, {@code p-7-0} → {@code p-6}. Null before the very first id.
   */
  public @Nullable EventId justBefore() {
    if (isBoundary()) {
      throw new IllegalStateException(this + " is a boundary, not an event id");
    }
    if (minor > 0) {
      return new EventId(kind, major, minor - 1);
    }
    return major > 0 ? boundary(kind, major - 1) : null;
  }

  /** True when this id comes strictly after {@code other} (which may be null: nothing). */
  public boolean isAfter(@Nullable EventId other) {
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
  public static @Nullable EventId max(@Nullable EventId a, @Nullable EventId b) {
    if (a == null) {
      return b;
    }
    return b == null || a.compareTo(b) >= 0 ? a : b;
  }

  @Override
  public String toString() {
    return isBoundary() ? kind.prefix + "-" + major : kind.prefix + "-" + major + "-" + minor;
  }

  private static String abbreviate(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "...";
  }
}
