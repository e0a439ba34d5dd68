package dev.polyshop.gateway.grpc;

import dev.polyshop.push.v1.PushServiceGrpc;
import dev.polyshop.search.v1.SearchServiceGrpc;
import io.grpc.Status;
import java.util.Set;

/**
 * What the native gRPC port lets through: the public methods only, and on {@code Subscribe} only
 * topics the caller may read. The gateway README's threat model explains the rules.
 */
final class EdgePolicy {

  /** Full names of the methods anyone may call at the edge; every other method is internal. */
  static final Set<String> PUBLIC_METHODS =
      Set.of(
          SearchServiceGrpc.getSearchMethod().getFullMethodName(),
          SearchServiceGrpc.getSuggestMethod().getFullMethodName(),
          PushServiceGrpc.getSubscribeMethod().getFullMethodName());

  private EdgePolicy() {}

  /**
   * Catalog topics (push-service's catalog family: {@code deals}, {@code product.*}, {@code
   * category.*}, {@code stock.*}) are public; every other topic is private.
   */
  static boolean isPublicTopic(String topic) {
    return topic.equals("deals")
        || topic.startsWith("product.")
        || topic.startsWith("category.")
        || topic.startsWith("stock.");
  }

  /**
   * A private topic {@code <kind>.<owner>} or {@code <kind>.<owner>.<more>} (e.g. {@code
   * order.alice.1042}) belongs to the subject {@code <owner>}; a topic without an owner segment
   * belongs to no caller.
   */
  static boolean owns(String subject, String topic) {
    String[] parts = topic.split("\\.", 3);
    return parts.length >= 2 && parts[1].equals(subject);
  }

  /**
   * Whether {@code subject} (null: anonymous) may read {@code topic}: OK, UNAUTHENTICATED (a
   * private topic without a token) or PERMISSION_DENIED (another subject's topic).
   */
  static Status topicAccess(String topic, String subject) {
    if (isPublicTopic(topic)) {
      return Status.OK;
    }
    if (subject == null) {
      return Status.UNAUTHENTICATED.withDescription(
          "topic "
              + topic
              + " is private: subscribing needs a bearer token (authorization: Bearer <jwt>)");
    }
    if (!owns(subject, topic)) {
      return Status.PERMISSION_DENIED.withDescription(
          "topic " + topic + " is not readable with this token (only <kind>.<subject>[.<more>])");
    }
    return Status.OK;
  }
}
