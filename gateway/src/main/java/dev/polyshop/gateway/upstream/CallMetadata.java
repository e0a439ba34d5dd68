package dev.polyshop.gateway.upstream;

import dev.polyshop.gateway.edge.RequestIds;
import io.grpc.Metadata;
import org.jspecify.annotations.Nullable;
import org.springframework.web.server.ServerWebExchange;

/**
 * The request headers that travel on to gRPC upstreams as metadata: request id and trace context.
 */
public final class CallMetadata {

  static final Metadata.Key<String> REQUEST_ID =
      Metadata.Key.of("x-request-id", Metadata.ASCII_STRING_MARSHALLER);
  static final Metadata.Key<String> TRACEPARENT =
      Metadata.Key.of("traceparent", Metadata.ASCII_STRING_MARSHALLER);
  static final Metadata.Key<String> TRACESTATE =
      Metadata.Key.of("tracestate", Metadata.ASCII_STRING_MARSHALLER);

  private CallMetadata() {}

  public static Metadata from(ServerWebExchange exchange) {
    Metadata metadata = new Metadata();
    String requestId = RequestIds.of(exchange);
    if (requestId != null) {
      metadata.put(REQUEST_ID, requestId);
    }
    var headers = exchange.getRequest().getHeaders();
    copy(headers.getFirst("traceparent"), TRACEPARENT, metadata);
    copy(headers.getFirst("tracestate"), TRACESTATE, metadata);
    return metadata;
  }

  private static void copy(@Nullable String value, Metadata.Key<String> key, Metadata metadata) {
    if (value != null && !value.isBlank() && value.length() <= 512) {
      metadata.put(key, value);
    }
  }
}
