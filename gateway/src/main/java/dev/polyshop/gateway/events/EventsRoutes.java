package dev.polyshop.gateway.events;

import dev.polyshop.gateway.problem.Problem;
import dev.polyshop.gateway.problem.ProblemException;
import dev.polyshop.gateway.topics.TopicAccess;
import dev.polyshop.gateway.upstream.CallMetadata;
import dev.polyshop.push.v1.SubscribeRequest;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.Jwt;
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
 * resume token. Only topics the caller may read ({@link TopicAccess}: catalog topics for anyone, a
 * private topic for the subject of the bearer token that owns it) are subscribed, else 401/403
 * before anything goes upstream. An error before the first item (e.g. INVALID_ARGUMENT) is a
 * problem+json answer; a stream that ends later just ends, and the browser reconnects with its last
 * event id.
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
    return subject(request)
        .map(Optional::of)
        .defaultIfEmpty(Optional.empty())
        .flatMap(
            subject -> {
              TopicAccess.Decision access = TopicAccess.check(topics, subject.orElse(null));
              if (!access.allowed()) {
                return Mono.error(new ProblemException(TopicProblems.of(access)));
              }
              return stream(request, topics);
            });
  }

  /**
   * The subject of the JWT the resource server already verified; empty when anonymous (an invalid
   * token never gets here: the security chain answers 401 first).
   */
  private static Mono<String> subject(ServerRequest request) {
    return request
        .principal()
        .mapNotNull(
            principal ->
                principal instanceof Authentication authentication
                        && authentication.getPrincipal() instanceof Jwt jwt
                    ? jwt.getSubject()
                    : null);
  }

  private Mono<ServerResponse> stream(ServerRequest request, List<String> topics) {
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
