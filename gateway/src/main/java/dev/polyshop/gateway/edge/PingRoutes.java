package dev.polyshop.gateway.edge;

import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/** {@code GET /api/ping}: answered by the gateway itself, to check the edge without upstreams. */
@Configuration(proxyBeanMethods = false)
class PingRoutes {

  private static final Map<String, String> PONG = Map.of("message", "pong");

  @Bean
  RouterFunction<ServerResponse> pingRoute() {
    return RouterFunctions.route()
        .GET("/api/ping", request -> ServerResponse.ok().bodyValue(PONG))
        .build();
  }
}
