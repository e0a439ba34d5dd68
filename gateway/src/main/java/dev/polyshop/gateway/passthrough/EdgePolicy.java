package dev.polyshop.gateway.passthrough;

import dev.polyshop.gateway.topics.TopicAccess;
import dev.polyshop.push.v1.PushServiceGrpc;
import dev.polyshop.push.v1.Topics;
import dev.polyshop.search.v1.SearchServiceGrpc;
import io.grpc.Status;
import java.util.Set;

/**
 * What the native gRPC port lets through: the public methods only, and on {@code Subscribe} only
 * topics the caller may read ({@link TopicAccess}, shared with {@code GET /api/events}). The
 * gateway README's threat model explains the rules.
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
   * Whether {@code subject} (null: anonymous) may read every one of {@code topics} ({@link
   * TopicAccess}): OK, UNAUTHENTICATED (a private topic without a token) or PERMISSION_DENIED
   * (another subject's topic).
   */
  static Status topicAccess(Iterable<String> topics, String subject) {
    TopicAccess.Decision decision = TopicAccess.check(topics, subject);
    String topic = decision.topic();
    return switch (decision.verdict()) {
      case ALLOWED -> Status.OK;
      case MALFORMED ->
          Status.INVALID_ARGUMENT.withDescription(
              "topics: '"
                  + TopicAccess.shown(topic)
                  + "' is not a topic (1-"
                  + Topics.MAX_LENGTH
                  + " characters of "
                  + Topics.CHARACTERS
                  + ")");
      case NEEDS_TOKEN ->
          Status.UNAUTHENTICATED.withDescription(
              "topic "
                  + topic
                  + " is private: subscribing needs a bearer token (authorization: Bearer <jwt>)");
      case DENIED ->
          Status.PERMISSION_DENIED.withDescription(
              "topic "
                  + topic
                  + " is not readable with this token (only <kind>.<subject>[.<more>])");
    };
  }
}
