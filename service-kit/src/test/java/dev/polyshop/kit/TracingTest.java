package dev.polyshop.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.polyshop.testing.OtlpReceiver;
import dev.polyshop.testing.OtlpReceiver.ReceivedSpan;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.ServerCalls;
import io.opentelemetry.api.trace.Span;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spans of a real gRPC server, exported over real OTLP/HTTP to a receiver in the test. */
class TracingTest {

  private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String CALLER_SPAN = "00f067aa0ba902b7";
  private static final MethodDescriptor<String, String> ECHO =
      MethodDescriptor.<String, String>newBuilder()
          .setType(MethodDescriptor.MethodType.UNARY)
          .setFullMethodName("test.Echo/Say")
          .setRequestMarshaller(new Utf8())
          .setResponseMarshaller(new Utf8())
          .build();

  private final AtomicReference<String> traceSeenByHandler = new AtomicReference<>();
  private final OtlpReceiver receiver = startReceiver();
  private final Tracing tracing = Tracing.otlp(receiver.endpoint(), "echo-service", 1.0);
  private Server server;
  private ManagedChannel channel;

  @AfterEach
  void stop() {
    channel.shutdownNow();
    server.shutdownNow();
    tracing.close();
    receiver.close();
  }

  @Test
  void aCall_continuesTheCallersTrace_andIsExportedAsAServerSpan() throws Exception {
    Channel echo = serve(tracing, traceparent(TRACE, CALLER_SPAN, "01"));

    assertThat(say(echo, "hello")).isEqualTo("hello");
    assertThatThrownBy(() -> say(echo, "fail")).hasMessageContaining("UNAVAILABLE");
    tracing.close(); // exports what the batch holds

    List<ReceivedSpan> spans = receiver.await(got -> got.size() == 2, Duration.ofSeconds(10));
    assertThat(spans)
        .allSatisfy(
            span -> {
              assertThat(span.service()).isEqualTo("echo-service");
              assertThat(span.name()).isEqualTo("test.Echo/Say");
              assertThat(span.kind()).isEqualTo("SERVER");
              assertThat(span.traceId()).isEqualTo(TRACE);
              assertThat(span.parentSpanId()).isEqualTo(CALLER_SPAN);
              assertThat(span.attributes())
                  .containsEntry("rpc.system", "grpc")
                  .containsEntry("rpc.service", "test.Echo")
                  .containsEntry("rpc.method", "Say");
            });
    assertThat(spans)
        .extracting(span -> span.attributes().get("rpc.grpc.status_code"), ReceivedSpan::error)
        .containsExactlyInAnyOrder(tuple("0", false), tuple("14", true));
    // The handler ran inside the span: what it traces (or logs) belongs to the caller's trace.
    assertThat(traceSeenByHandler.get()).isEqualTo(TRACE);
  }

  @Test
  void aCallWithoutTraceContext_startsATraceOfItsOwn() throws Exception {
    say(serve(tracing, new Metadata()), "hello");
    tracing.close();

    ReceivedSpan span = receiver.await(got -> got.size() == 1, Duration.ofSeconds(10)).getFirst();
    assertThat(span.traceId()).hasSize(32).isNotEqualTo("0".repeat(32)).isNotEqualTo(TRACE);
    assertThat(span.parentSpanId()).isEmpty();
  }

  @Test
  void aCallWhoseCallerDidNotSampleItsTrace_isNotRecorded_butKeepsItsContext() throws Exception {
    say(serve(tracing, traceparent(TRACE, CALLER_SPAN, "00")), "hello");
    tracing.close();

    assertThat(receiver.spans()).isEmpty();
    assertThat(traceSeenByHandler.get()).isEqualTo(TRACE);
  }

  @Test
  void healthChecks_areNotTraced() throws Exception {
    serve(tracing, traceparent(TRACE, CALLER_SPAN, "01"));
    HealthGrpc.newBlockingStub(channel).check(HealthCheckRequest.getDefaultInstance());
    tracing.close();

    assertThat(receiver.spans()).isEmpty();
  }

  @Test
  void withoutAnEndpoint_tracingIsOff_andInstallsNoInterceptor() throws Exception {
    serve(tracing, new Metadata());
    Tracing off = Tracing.fromEnvironment(new EnvConfig(Map.of()), "search-service");
    Tracing on =
        Tracing.fromEnvironment(
            new EnvConfig(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:4318")),
            "search-service");

    assertThat(off.enabled()).isFalse();
    assertThat(off.serverInterceptors()).isEmpty();
    assertThat(on.serverInterceptors()).hasSize(1);
    on.close();
  }

  @Test
  void toAFile_eachSpanIsOneJsonLine_withItsTraceAndParent(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("traces/echo-service.jsonl");
    Tracing toFile =
        Tracing.start(
            new Tracing.Settings(Optional.empty(), Optional.of(file), "echo-service", 1.0));
    Channel echo = serve(toFile, traceparent(TRACE, CALLER_SPAN, "01"));

    say(echo, "say \"hi\"\n");
    toFile.close();

    List<String> lines = Files.readAllLines(file);
    assertThat(lines).hasSize(1);
    JsonObject span = JsonParser.parseString(lines.getFirst()).getAsJsonObject();
    assertThat(span.get("service").getAsString()).isEqualTo("echo-service");
    assertThat(span.get("traceId").getAsString()).isEqualTo(TRACE);
    assertThat(span.get("parentSpanId").getAsString()).isEqualTo(CALLER_SPAN);
    assertThat(span.get("spanId").getAsString()).hasSize(16);
    assertThat(span.get("name").getAsString()).isEqualTo("test.Echo/Say");
    assertThat(span.get("kind").getAsString()).isEqualTo("SERVER");
    assertThat(span.get("endNanos").getAsLong()).isGreaterThan(span.get("startNanos").getAsLong());
    assertThat(span.get("error").getAsBoolean()).isFalse();
    assertThat(span.getAsJsonObject("attributes").get("rpc.method").getAsString()).isEqualTo("Say");
    assertThat(span.getAsJsonObject("attributes").get("echo.text").getAsString())
        .as("escaped in the line, whole after parsing")
        .isEqualTo("say \"hi\"\n");
    assertThat(span.getAsJsonArray("links")).isEmpty();
  }

  private Channel serve(Tracing tracing, Metadata headers) throws IOException {
    ServerServiceDefinition echo =
        ServerServiceDefinition.builder("test.Echo")
            .addMethod(
                ECHO,
                ServerCalls.asyncUnaryCall(
                    (request, response) -> {
                      traceSeenByHandler.set(Span.current().getSpanContext().getTraceId());
                      Span.current().setAttribute("echo.text", request);
                      if (request.equals("fail")) {
                        response.onError(Status.UNAVAILABLE.asRuntimeException());
                      } else {
                        response.onNext(request);
                        response.onCompleted();
                      }
                    }))
            .build();
    String name = InProcessServerBuilder.generateName();
    server =
        InProcessServerBuilder.forName(name)
            .addService(echo)
            .addService(new ServingState("test.Echo").healthService())
            .intercept(tracing.serverInterceptors().getFirst())
            .build()
            .start();
    channel = InProcessChannelBuilder.forName(name).build();
    return ClientInterceptors.intercept(
        channel, MetadataUtils.newAttachHeadersInterceptor(headers));
  }

  private static String say(Channel channel, String text) {
    return ClientCalls.blockingUnaryCall(channel, ECHO, CallOptions.DEFAULT, text);
  }

  private static Metadata traceparent(String trace, String span, String flags) {
    Metadata headers = new Metadata();
    headers.put(
        Metadata.Key.of("traceparent", Metadata.ASCII_STRING_MARSHALLER),
        "00-" + trace + "-" + span + "-" + flags);
    return headers;
  }

  private static OtlpReceiver startReceiver() {
    try {
      return OtlpReceiver.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final class Utf8 implements MethodDescriptor.Marshaller<String> {
    @Override
    public InputStream stream(String value) {
      return new ByteArrayInputStream(value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String parse(InputStream stream) {
      try {
        return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
