package dev.polyshop.bench.peer;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.resources.ConnectionProvider;

/**
 * The article's endpoints on Reactor Netty alone: {@code /ping}, {@code /fib/{n}}, {@code
 * /data/{id}}.
 */
public final class ReactorNettyPeer {

  private static final String JSON = "application/json";

  private final HttpClient upstream;
  private final RedisReactiveCommands<String, String> redis;

  ReactorNettyPeer(HttpClient upstream, RedisReactiveCommands<String, String> redis) {
    this.upstream = upstream;
    this.redis = redis;
  }

  public static void main(String[] args) {
    int port = Integer.parseInt(env("PORT", "8000"));
    String upstreamUrl = env("UPSTREAM_URL", "http://127.0.0.1:8001");
    String[] redisAddr = env("REDIS_ADDR", "127.0.0.1:6379").split(":");
    var pool = ConnectionProvider.builder("upstream").maxConnections(1024).build();
    var upstream =
        HttpClient.create(pool).baseUrl(upstreamUrl).responseTimeout(Duration.ofSeconds(5));
    // Lettuce multiplexes every command over one connection, its documented default use.
    var redis =
        RedisClient.create(RedisURI.create(redisAddr[0], Integer.parseInt(redisAddr[1])))
            .connect()
            .reactive();
    DisposableServer server = new ReactorNettyPeer(upstream, redis).bind(port);
    System.out.printf("reactor-netty listening on 127.0.0.1:%d%n", port);
    server.onDispose().block();
  }

  DisposableServer bind(int port) {
    return HttpServer.create()
        .host("127.0.0.1")
        .port(port)
        .route(
            routes ->
                routes
                    .get("/ping", (req, res) -> json(res, Mono.just("{\"message\":\"pong\"}")))
                    .get("/fib/{n}", this::fib)
                    .get("/data/{id}", this::data))
        .bindNow();
  }

  private Publisher<Void> fib(HttpServerRequest req, HttpServerResponse res) {
    int n = Integer.parseInt(req.param("n"));
    // Off the event loop, like FastAPI's thread pool and Go's goroutine per request.
    Mono<String> body =
        Mono.fromCallable(() -> "{\"result\":" + fibonacci(n) + "}")
            .subscribeOn(Schedulers.boundedElastic());
    return json(res, body);
  }

  static long fibonacci(int n) {
    return n <= 1 ? n : fibonacci(n - 1) + fibonacci(n - 2);
  }

  private Publisher<Void> data(HttpServerRequest req, HttpServerResponse res) {
    String id = req.param("id");
    // The upstream body is JSON already and is embedded as it came (the Go and Python peers decode
    // and re-encode it).
    Mono<String> body =
        upstream
            .get()
            .uri("/items/" + id)
            .responseSingle((r, bytes) -> bytes.asString(StandardCharsets.UTF_8))
            .flatMap(
                api ->
                    redis
                        .get("cache:" + id)
                        .map(ReactorNettyPeer::quote)
                        .defaultIfEmpty("null")
                        .flatMap(
                            cache ->
                                redis
                                    .incr("hits:" + id)
                                    .map(
                                        hits ->
                                            "{\"api\":"
                                                + api
                                                + ",\"cache\":"
                                                + cache
                                                + ",\"hits\":"
                                                + hits
                                                + "}")));
    return body.flatMap(b -> Mono.from(json(res, Mono.just(b))))
        .onErrorResume(
            e ->
                Mono.from(
                    res.status(502)
                        .header(HttpHeaderNames.CONTENT_TYPE, JSON)
                        .sendString(Mono.just("{\"error\":\"upstream\"}"))));
  }

  private static Publisher<Void> json(HttpServerResponse res, Mono<String> body) {
    return res.header(HttpHeaderNames.CONTENT_TYPE, JSON).sendString(body);
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static String env(String key, String fallback) {
    String value = System.getenv(key);
    return value == null || value.isBlank() ? fallback : value;
  }
}
