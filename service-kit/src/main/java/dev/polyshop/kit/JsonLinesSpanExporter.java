package dev.polyshop.kit;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes spans to a file, one JSON object per line, for a local run without a trace backend ({@code
 * ./polyshop up --observe}; {@code ./polyshop trace} prints them as trees). Each line has {@code
 * service}, {@code traceId}, {@code spanId}, {@code parentSpanId}, {@code name}, {@code kind},
 * {@code startNanos}, {@code endNanos}, {@code error}, {@code attributes} and {@code links} (the
 * linked spans' {@code traceId} and {@code spanId}).
 */
final class JsonLinesSpanExporter implements SpanExporter {

  private static final Logger log = LoggerFactory.getLogger(JsonLinesSpanExporter.class);
  private static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");

  private final Path file;
  private final Writer out;

  JsonLinesSpanExporter(Path file) {
    this.file = file;
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      this.out =
          Files.newBufferedWriter(
              file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the trace file " + file, e);
    }
  }

  @Override
  public synchronized CompletableResultCode export(Collection<SpanData> spans) {
    try {
      for (SpanData span : spans) {
        out.write(line(span));
        out.write('\n');
      }
      out.flush();
      return CompletableResultCode.ofSuccess();
    } catch (IOException e) {
      log.warn("cannot write spans to {}: {}", file, e.toString());
      return CompletableResultCode.ofFailure();
    }
  }

  static String line(SpanData span) {
    StringBuilder json = new StringBuilder(256).append('{');
    field(json, "service", span.getResource().getAttribute(SERVICE_NAME)).append(',');
    field(json, "traceId", span.getTraceId()).append(',');
    field(json, "spanId", span.getSpanId()).append(',');
    field(json, "parentSpanId", span.getParentSpanContext().isValid() ? span.getParentSpanId() : "")
        .append(',');
    field(json, "name", span.getName()).append(',');
    field(json, "kind", span.getKind().name()).append(',');
    json.append("\"startNanos\":").append(span.getStartEpochNanos()).append(',');
    json.append("\"endNanos\":").append(span.getEndEpochNanos()).append(',');
    json.append("\"error\":")
        .append(span.getStatus().getStatusCode() == StatusCode.ERROR)
        .append(",\"attributes\":{");
    Iterator<Map.Entry<AttributeKey<?>, Object>> attributes =
        span.getAttributes().asMap().entrySet().iterator();
    while (attributes.hasNext()) {
      var attribute = attributes.next();
      field(json, attribute.getKey().getKey(), String.valueOf(attribute.getValue()));
      if (attributes.hasNext()) {
        json.append(',');
      }
    }
    json.append("},\"links\":[");
    for (int i = 0; i < span.getLinks().size(); i++) {
      LinkData link = span.getLinks().get(i);
      json.append(i == 0 ? "{" : ",{");
      field(json, "traceId", link.getSpanContext().getTraceId()).append(',');
      field(json, "spanId", link.getSpanContext().getSpanId()).append('}');
    }
    return json.append("]}").toString();
  }

  private static StringBuilder field(StringBuilder json, String name, String value) {
    return string(string(json, name).append(':'), value == null ? "" : value);
  }

  private static StringBuilder string(StringBuilder json, String value) {
    json.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> json.append("\\\"");
        case '\\' -> json.append("\\\\");
        case '\n' -> json.append("\\n");
        case '\r' -> json.append("\\r");
        case '\t' -> json.append("\\t");
        default -> {
          if (c < 0x20) {
            json.append(String.format("\\u%04x", (int) c));
          } else {
            json.append(c);
          }
        }
      }
    }
    return json.append('"');
  }

  @Override
  public CompletableResultCode flush() {
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public synchronized CompletableResultCode shutdown() {
    try {
      out.close();
      return CompletableResultCode.ofSuccess();
    } catch (IOException e) {
      return CompletableResultCode.ofFailure();
    }
  }
}
