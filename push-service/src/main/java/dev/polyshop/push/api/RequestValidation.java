package dev.polyshop.push.api;

import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import dev.polyshop.push.fanout.TopicFamily;
import dev.polyshop.push.replay.EventId;
import dev.polyshop.push.v1.PublishRequest;
import dev.polyshop.push.v1.SubscribeRequest;
import dev.polyshop.push.v1.Topics;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Checks requests against the contract; every violation is an {@link InvalidRequestException}. */
final class RequestValidation {

  static final int MAX_TOPICS = 100;
  static final int MAX_TYPE_LENGTH = 64;

  /** A valid subscription: topics of one family and where to resume (null: only new events). */
  record Subscription(TopicFamily family, Set<String> topics, @Nullable EventId resumeAfter) {}

  private RequestValidation() {}

  static Subscription subscription(SubscribeRequest request) {
    int count = request.getTopicsCount();
    if (count < 1 || count > MAX_TOPICS) {
      throw new InvalidRequestException(
          "topics: give 1 to " + MAX_TOPICS + " topics (got " + count + ")");
    }
    Set<String> topics = new LinkedHashSet<>();
    TopicFamily family = null;
    for (String topic : request.getTopicsList()) {
      checkTopic("topics", topic);
      TopicFamily topicFamily = TopicFamily.of(topic);
      if (family != null && family != topicFamily) {
        throw new InvalidRequestException(
            "topics: catalog topics (deals, product.*, category.*, stock.*) and published topics"
                + " cannot share one subscription; open one stream for each");
      }
      family = topicFamily;
      topics.add(topic);
    }
    TopicFamily chosen = Objects.requireNonNull(family, "one topic at least was checked");
    return new Subscription(
        chosen, Set.copyOf(topics), resumeToken(request.getResumeToken(), chosen));
  }

  private static @Nullable EventId resumeToken(String token, TopicFamily family) {
    if (token.isEmpty()) {
      return null;
    }
    EventId id;
    try {
      id = EventId.parse(token);
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException("resume_token: " + e.getMessage());
    }
    if (id.kind() != family.idKind()) {
      throw new InvalidRequestException(
          "resume_token: '"
              + token
              + "' is not an id of "
              + family.name().toLowerCase()
              + " events");
    }
    return id;
  }

  static void publish(PublishRequest request, int maxDataBytes) {
    checkTopic("topic", request.getTopic());
    if (TopicFamily.of(request.getTopic()) == TopicFamily.CATALOG) {
      throw new InvalidRequestException(
          "topic: '" + request.getTopic() + "' is reserved for events derived from the catalog");
    }
    String type = request.getType();
    if (type.isEmpty()
        || type.length() > MAX_TYPE_LENGTH
        || type.chars().anyMatch(Character::isISOControl)) {
      throw new InvalidRequestException(
          "type: must be 1-" + MAX_TYPE_LENGTH + " characters without control characters");
    }
    String data = request.getDataJson();
    if (data.length() > maxDataBytes
        || data.getBytes(StandardCharsets.UTF_8).length > maxDataBytes) {
      throw new InvalidRequestException("data_json: at most " + maxDataBytes + " bytes");
    }
    if (!isJson(data)) {
      throw new InvalidRequestException("data_json: must be one JSON value (use {} for none)");
    }
  }

  private static void checkTopic(String field, String topic) {
    if (topic.isEmpty() || topic.length() > Topics.MAX_LENGTH) {
      throw new InvalidRequestException(
          field + ": each topic must be 1-" + Topics.MAX_LENGTH + " characters");
    }
    if (!Topics.isWellFormed(topic)) {
      throw new InvalidRequestException(
          field + ": '" + abbreviate(topic) + "' has characters outside " + Topics.CHARACTERS);
    }
  }

  private static boolean isJson(String text) {
    try (JsonReader reader = new JsonReader(new StringReader(text))) {
      reader.setStrictness(Strictness.STRICT);
      reader.skipValue();
      return reader.peek() == JsonToken.END_DOCUMENT;
    } catch (IOException | IllegalStateException | NumberFormatException e) {
      return false;
    }
  }

  private static String abbreviate(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "...";
  }
}
