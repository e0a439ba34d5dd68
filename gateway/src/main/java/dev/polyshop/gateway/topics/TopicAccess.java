package dev.polyshop.gateway.topics;

/**
 * Who may read a push topic, the one rule behind both {@code PushService/Subscribe} on the native
 * gRPC port and {@code GET /api/events}: catalog topics are public, every other topic belongs to
 * the subject in its second segment. The gateway README's threat model explains it.
 */
public final class TopicAccess {

  /** What a caller gets for a topic. */
  public enum Verdict {
    /** The topic is public, or the caller's subject owns it. */
    ALLOWED,
    /** A private topic and no token: the caller must authenticate. */
    NEEDS_TOKEN,
    /** A private topic that the token's subject does not own. */
    DENIED
  }

  /**
   * The verdict on a request's topics: the first one not {@link Verdict#ALLOWED} (and its topic),
   * or ALLOWED with a null topic.
   *
   * @param verdict what the caller gets
   * @param topic the topic refused, null when everything is allowed
   */
  public record Decision(Verdict verdict, String topic) {

    public boolean allowed() {
      return verdict == Verdict.ALLOWED;
    }
  }

  private static final Decision ALLOWED = new Decision(Verdict.ALLOWED, null);

  private TopicAccess() {}

  /** Whether {@code subject} (null: anonymous) may read every one of {@code topics}. */
  public static Decision check(Iterable<String> topics, String subject) {
    for (String topic : topics) {
      Verdict verdict = verdict(topic, subject);
      if (verdict != Verdict.ALLOWED) {
        return new Decision(verdict, topic);
      }
    }
    return ALLOWED;
  }

  /** Whether {@code subject} (null: anonymous) may read {@code topic}. */
  public static Verdict verdict(String topic, String subject) {
    if (isPublic(topic)) {
      return Verdict.ALLOWED;
    }
    if (subject == null) {
      return Verdict.NEEDS_TOKEN;
    }
    return owns(subject, topic) ? Verdict.ALLOWED : Verdict.DENIED;
  }

  /**
   * Catalog topics (push-service's catalog family: {@code deals}, {@code product.*}, {@code
   * category.*}, {@code stock.*}) are public; every other topic is private.
   */
  public static boolean isPublic(String topic) {
    return topic.equals("deals")
        || topic.startsWith("product.")
        || topic.startsWith("category.")
        || topic.startsWith("stock.");
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
