package dev.polyshop.gateway.search;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.polyshop.gateway.problem.Problem;
import dev.polyshop.gateway.problem.ProblemException;
import dev.polyshop.gateway.upstream.CallMetadata;
import dev.polyshop.gateway.upstream.ProtoJson;
import dev.polyshop.search.v1.SearchRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * {@code /api/search} (GET with query parameters, or POST with a JSON {@code SearchRequest}) and
 * {@code /api/suggest}: JSON in, gRPC to search-service, proto3 JSON out (written by {@link
 * SearchJson}).
 */
@Configuration(proxyBeanMethods = false)
class SearchRoutes {

  private final SearchClient client;
  private final ProtoJson json;

  SearchRoutes(SearchClient client, ProtoJson json) {
    this.client = client;
    this.json = json;
  }

  @Bean
  RouterFunction<ServerResponse> searchRouter() {
    return RouterFunctions.route()
        .GET("/api/search", this::searchByQuery)
        .POST("/api/search", this::searchByBody)
        .GET("/api/suggest", this::suggest)
        .build();
  }

  private Mono<ServerResponse> searchByQuery(ServerRequest request) {
    return Mono.fromCallable(() -> SearchRequestMapper.search(request.queryParams()))
        .flatMap(search -> search(request, search));
  }

  private Mono<ServerResponse> searchByBody(ServerRequest request) {
    return request
        .bodyToMono(String.class)
        .defaultIfEmpty("{}")
        .map(this::parseSearch)
        .flatMap(search -> search(request, search));
  }

  private Mono<ServerResponse> search(ServerRequest request, SearchRequest search) {
    return client
        .search(search, CallMetadata.from(request.exchange()))
        .flatMap(response -> ok(SearchJson.search(response)));
  }

  private Mono<ServerResponse> suggest(ServerRequest request) {
    return Mono.fromCallable(() -> SearchRequestMapper.suggest(request.queryParams()))
        .flatMap(suggest -> client.suggest(suggest, CallMetadata.from(request.exchange())))
        .flatMap(response -> ok(SearchJson.suggest(response)));
  }

  private SearchRequest parseSearch(String body) {
    try {
      return json.parse(body, SearchRequest.newBuilder()).build();
    } catch (InvalidProtocolBufferException e) {
      throw new ProblemException(
          Problem.of(
              HttpStatus.BAD_REQUEST,
              "bad-request",
              "The body is not a valid SearchRequest: " + e.getMessage()));
    }
  }

  /**
   * The body as the UTF-8 bytes {@link SearchJson} wrote: as a {@code String}, it would be encoded
   * character by character into a direct buffer (Netty's {@code writeUtf8}), 4 % of the gateway's
   * CPU per search in the profile.
   */
  private static Mono<ServerResponse> ok(byte[] body) {
    return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(body);
  }
}
