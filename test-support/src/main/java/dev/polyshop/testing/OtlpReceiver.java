package dev.polyshop.testing;

import com.google.protobuf.ByteString;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * An OTLP/HTTP trace receiver on a loopback port, for tests: it keeps every span exported to {@link
 * #endpoint()} (protobuf, {@code POST /v1/traces}), as a collector would receive it.
 */
public final class OtlpReceiver implements AutoCloseable {

  /** One received span, with its ids in lowercase hex as in a {@code traceparent}. */
  public record ReceivedSpan(
      String service,
      String name,
      String kind,
      String traceId,
      String spanId,
      String parentSpanId,
      Map<String, String> attributes,
      List<String> linkedTraceIds,
      boolean error) {}

  private final HttpServer server;
  private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();
  private final List<String> errors = new CopyOnWriteArrayList<>();

  private OtlpReceiver(HttpServer server) {
    this.server = server;
  }

  /** Starts a receiver on a free loopback port. */
  public static OtlpReceiver start() throws IOException {
    return start(InetAddress.getLoopbackAddress());
  }

  /**
   * Starts a receiver on a free port of {@code address}: the gateway address of a container
   * network, for services in containers to export to (reachable from the host and that network's
   * containers, no further).
   */
  public static OtlpReceiver start(InetAddress address) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(address, 0), 0);
    OtlpReceiver receiver = new OtlpReceiver(server);
    server.createContext("/v1/traces", receiver::receive);
    server.start();
    return receiver;
  }

  /** The base URL to configure as the OTLP endpoint ({@code OTEL_EXPORTER_OTLP_ENDPOINT}). */
  public URI endpoint() {
    InetSocketAddress bound = server.getAddress();
    return URI.create("http://" + bound.getAddress().getHostAddress() + ":" + bound.getPort());
  }

  /** Every span received so far. */
  public List<ReceivedSpan> spans() {
    return List.copyOf(spans);
  }

  /**
   * Waits until the received spans satisfy {@code done}; fails with what arrived after {@code
   * timeout}.
   */
  public List<ReceivedSpan> await(Predicate<List<ReceivedSpan>> done, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!done.test(spans())) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "spans received within " + timeout + ": " + spans() + "; refused exports: " + errors);
      }
      Thread.sleep(20);
    }
    return spans();
  }

  private void receive(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!"POST".equals(exchange.getRequestMethod())) {
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      ExportTraceServiceRequest request;
      try {
        request = ExportTraceServiceRequest.parseFrom(exchange.getRequestBody().readAllBytes());
      } catch (IOException | RuntimeException | LinkageError e) {
        errors.add(e.toString());
        exchange.sendResponseHeaders(400, -1);
        return;
      }
      for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
        String service = attribute(resourceSpans.getResource(), "service.name");
        for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
          for (Span span : scopeSpans.getSpansList()) {
            spans.add(toReceived(service, span));
          }
        }
      }
      byte[] body = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
      exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
    }
  }

  private static ReceivedSpan toReceived(String service, Span span) {
    Map<String, String> attributes = new LinkedHashMap<>();
    for (KeyValue kv : span.getAttributesList()) {
      attributes.put(kv.getKey(), text(kv.getValue()));
    }
    return new ReceivedSpan(
        service,
        span.getName(),
        span.getKind().name().replace("SPAN_KIND_", ""),
        hex(span.getTraceId()),
        hex(span.getSpanId()),
        hex(span.getParentSpanId()),
        Map.copyOf(attributes),
        span.getLinksList().stream().map(link -> hex(link.getTraceId())).toList(),
        span.getStatus().getCode() == Status.StatusCode.STATUS_CODE_ERROR);
  }

  private static String attribute(Resource resource, String key) {
    return resource.getAttributesList().stream()
        .filter(kv -> kv.getKey().equals(key))
        .map(kv -> text(kv.getValue()))
        .findFirst()
        .orElse("");
  }

  private static String text(AnyValue value) {
    return switch (value.getValueCase()) {
      case STRING_VALUE -> value.getStringValue();
      case INT_VALUE -> Long.toString(value.getIntValue());
      case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
      case DOUBLE_VALUE -> Double.toString(value.getDoubleValue());
      default -> value.toString();
    };
  }

  private static String hex(ByteString id) {
    return HexFormat.of().formatHex(id.toByteArray());
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
