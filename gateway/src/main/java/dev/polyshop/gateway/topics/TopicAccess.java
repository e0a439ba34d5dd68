package dev.polyshop.gateway.topics;

import dev.polyshop.push.v1.Topics;
import org.jspecify.annotations.Nullable;

/**
 * Who may read a push topic, the one rule behind both {@code PushService/Subscribe} on the native
 * gRPC port and {@code GET /api/events}: catalog topics are public, every other topic belongs to
 * the subject in its second segment. The gateway README's threat model explains it.
 */
public final class TopicAccess {

  /** What a caller gets for a topic. */
  public enum Verdict {
    /**
     * Not a topic at all ({@link Topics#isWellFormed}): refused before anyone is asked for a token.
     */
    MALFORMED,
    /** The topic is public, or the caller's subject owns it. */
    ALLOWED,
    /** A private topic and no token: the caller must authenticate. */
    NEEDS_TOKEN,
    /** A private topic that the token's subject does not own. */
    DENIED
  }

  /**
   * The verdict on a request's topics: the first malformed one, else the first one not {@link
   * Verdict#ALLOWED} (and its topic), or ALLOWED with a null topic.
   *
   * @param verdict what the caller gets
   * @param topic the topic refused, null when everything is allowed
   */
  public record Decision(Verdict verdict, @Nullable String topic) {

    public boolean allowed() {
      return verdict == Verdict.ALLOWED;
    }
  }

  private static final Decision ALLOWED = new Decision(Verdict.ALLOWED, null);

  private TopicAccess() {}

  /** Whether {@code subject} (null: anonymous) may read every one of {@code topics}. */
  public static Decision check(Iterable<String> topics, @Nullable String subject) {
    for (String topic : topics) {
      if (!Topics.isWellFormed(topic)) {
        return new Decision(Verdict.MALFORMED, topic);
      }
    }
    for (String topic : topics) {
      Verdict verdict = verdict(topic, subject);
      if (verdict != Verdict.ALLOWED) {
        return new Decision(verdict, topic);
      }
    }
    return ALLOWED;
  }

  /** Whether {@code subject} (null: anonymous) may read {@code topic}. */
  public static Verdict verdict(String topic, @Nullable String subject) {
    if (!Topics.isWellFormed(topic)) {
      return Verdict.MALFORMED;
    }
    if (isPublic(topic)) {
      return Verdict.ALLOWED;
    }
    if (subject == null) {
      return Verdict.NEEDS_TOKEN;
    }
    return owns(subject, topic) ? Verdict.ALLOWED : Verdict.DENIED;
  }

  /** A topic as messages show it: a long or hostile one cut to 40 characters. */
  public static String shown(@Nullable String topic) {
    if (topic == null) {
      return "(none)";
    }
    return topic.length() <= 40 ? topic : topic.substring(0, 40) + "...";
  }

  /** Catalog topics ({@link Topics#isCatalog}) are public; every other topic is private. */
  public static boolean isPublic(String topic) {
    return Topics.isCatalog(topic);
  }

  /**
   * A private topic {@code <kind>.<owner>} or {@code <kind>.<owner>.<more>} (e.g. {@code
   * order.alice.1042}) belongs to the subject {@code <owner>}; a topic without an owner segment (or
   * with an empty one) belongs to no caller.
   */
  static boolean owns(String subject, String topic) {
    String[] parts = topic.split("\\.", 3);
    return parts.length >= 2 && !parts[1].isEmpty() && parts[1].equals(subject);
  }
}
