package dev.polyshop.gateway.events;

import com.google.protobuf.util.Timestamps;
import dev.polyshop.push.v1.Event;
import dev.polyshop.push.v1.Reset;
import dev.polyshop.push.v1.SubscribeResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.codec.ServerSentEvent;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Stream items from push-service as Server-Sent Events. */
final class SseEvents {

  private final JsonMapper json;

  SseEvents(JsonMapper json) {
    this.json = json;
  }

  /**
   * Event → {@code id:}, {@code event:} type, {@code data:} JSON with the topic; heartbeat → an SSE
   * comment, with an {@code id:} when it carries a resume token (a message without data is not
   * dispatched, but a browser still takes its id as {@code Last-Event-ID}, so a client that has had
   * no event yet resumes without a gap); reset → {@code event: reset} whose id is the new resume
   * point.
   */
  ServerSentEvent<String> toSse(SubscribeResponse item) {
    return switch (item.getKindCase()) {
      case EVENT -> event(item.getEvent());
      case RESET -> reset(item.getReset());
      case HEARTBEAT -> heartbeat(item.getHeartbeat().getResumeToken());
      case KIND_NOT_SET -> heartbeat("");
    };
  }

  private static ServerSentEvent<String> heartbeat(String resumeToken) {
    var builder = ServerSentEvent.<String>builder().comment(" heartbeat");
    if (!resumeToken.isEmpty()) {
      builder.id(resumeToken);
    }
    return builder.build();
  }

  private ServerSentEvent<String> event(Event event) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("id", event.getId());
    data.put("topic", event.getTopic());
    data.put("type", event.getType());
    if (event.hasTime()) {
      data.put("time", Timestamps.toString(event.getTime()));
    }
    data.put("data", body(event.getDataJson()));
    return ServerSentEvent.builder(json.writeValueAsString(data))
        .id(event.getId())
        .event(event.getType().isEmpty() ? "message" : event.getType())
        .build();
  }

  private ServerSentEvent<String> reset(Reset reset) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("reason", reset.getReason().name());
    data.put("resumeToken", reset.getResumeToken());
    var builder = ServerSentEvent.builder(json.writeValueAsString(data)).event("reset");
    if (!reset.getResumeToken().isEmpty()) {
      builder.id(reset.getResumeToken());
    }
    return builder.build();
  }

  /** The event body as JSON when it is JSON (it should be), else as a string. */
  private @Nullable Object body(String dataJson) {
    if (dataJson.isEmpty()) {
      return null;
    }
    try {
      JsonNode node = json.readTree(dataJson);
      return node;
    } catch (JacksonException e) {
      return dataJson;
    }
  }
}
