package dev.polyshop.gateway.events;

import dev.polyshop.gateway.problem.Problem;
import dev.polyshop.gateway.topics.TopicAccess;
import dev.polyshop.push.v1.Topics;
import org.springframework.http.HttpStatus;

/** A refused {@link TopicAccess.Decision} as the problem {@code GET /api/events} answers with. */
final class TopicProblems {

  private TopicProblems() {}

  /**
   * 400 (not a topic), 401 (no token) or 403 (another subject's topic), shaped like the gateway's
   * other 400/401/403.
   */
  static Problem of(TopicAccess.Decision refused) {
    String topic = refused.topic();
    return switch (refused.verdict()) {
      case MALFORMED ->
          Problem.of(
              HttpStatus.BAD_REQUEST,
              "bad-request",
              "Topic "
                  + TopicAccess.shown(topic)
                  + " is not a topic: each is 1-"
                  + Topics.MAX_LENGTH
                  + " characters of "
                  + Topics.CHARACTERS
                  + ".");
      case NEEDS_TOKEN ->
          Problem.of(
                  HttpStatus.UNAUTHORIZED,
                  "unauthorized",
                  "Topic "
                      + topic
                      + " is private: reading it needs a bearer token (Authorization: Bearer"
                      + " <jwt>).")
              .withHeader("WWW-Authenticate", "Bearer");
      case DENIED ->
          Problem.of(
                  HttpStatus.FORBIDDEN,
                  "forbidden",
                  "Topic "
                      + topic
                      + " is not readable with this token: only <kind>.<subject>[.<more>].")
              .withHeader("WWW-Authenticate", "Bearer error=\"insufficient_scope\"");
      case ALLOWED -> throw new IllegalArgumentException("not a refusal: " + refused);
    };
  }
}
