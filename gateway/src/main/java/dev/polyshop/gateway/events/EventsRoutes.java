package dev.polyshop.gateway.events;

import dev.polyshop.gateway.grpc.CallMetadata;
import dev.polyshop.gateway.system.Problem;
import dev.polyshop.gateway.system.ProblemException;
import dev.polyshop.push.v1.SubscribeRequest;
import java.util.Arrays;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /api/events?topics=a,b}: push-service's Subscribe stream as Server-Sent Events.
 *
 * <p>{@code Last-Event-ID} (sent by browsers on reconnect) or {@code lastEventId} becomes the
 * resume token. An error before the first item (e.g. INVALID_ARGUMENT) is a problem+json answer; a
 * stream that ends later just ends, and the browser reconnects with its last event id.
 */
@Configuration(proxyBeanMethods = false)
class EventsRoutes {

  private final PushClient client;
  private final SseEvents sse;

  EventsRoutes(PushClient client, JsonMapper json) {
    this.client = client;
    this.sse = new SseEvents(json);
  }

  @Bean
  RouterFunction<ServerResponse> eventsRoute() {
    return RouterFunctions.route().GET("/api/events", this::events).build();
  }

  private Mono<ServerResponse> events(ServerRequest request) {
    List<String> topics =
        request.queryParams().getOrDefault("topics", List.of()).stream()
            .flatMap(value -> Arrays.stream(value.split(",")))
            .map(String::trim)
            .filter(topic -> !topic.isEmpty())
            .toList();
    if (topics.isEmpty()) {
      return Mono.error(
          new ProblemException(
              Problem.of(
                  HttpStatus.BAD_REQUEST, "bad-request", "Give at least one topic: ?topics=a,b")));
    }
    String resume = request.headers().firstHeader("Last-Event-ID");
    if (resume == null || resume.isBlank()) {
      resume = request.queryParam("lastEventId").orElse("");
    }
    var subscribe =
        SubscribeRequest.newBuilder().addAllTopics(topics).setResumeToken(resume.trim()).build();
    Flux<ServerSentEvent<String>> events =
        client.subscribe(subscribe, CallMetadata.from(request.exchange())).map(sse::toSse);
    return ServerResponse.ok()
        .contentType(MediaType.TEXT_EVENT_STREAM)
        .header("Cache-Control", "no-cache")
        .header("X-Accel-Buffering", "no")
        .body(BodyInserters.fromServerSentEvents(events));
  }
}
