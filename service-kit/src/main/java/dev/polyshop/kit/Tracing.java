package dev.polyshop.kit;

import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.net.URI;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * OpenTelemetry traces of a lean gRPC service, off unless somewhere to send them is configured.
 *
 * <p>On, every call (but health checks and reflection) becomes a SERVER span that continues the
 * caller's W3C trace ({@code traceparent} in the call's metadata, as the gateway sends it) and is
 * exported in batches, off the call's thread. Off, the interceptor is not installed at all, so an
 * untraced service pays nothing.
 *
 * <p>Configured by the standard OpenTelemetry variables, the same in every language and service:
 * {@code OTEL_EXPORTER_OTLP_ENDPOINT} (OTLP/HTTP, e.g. {@code http://collector:4318}), {@code
 * OTEL_TRACES_SAMPLER_ARG} (the share of new traces to record, 0–1, default 1; a call whose caller
 * sampled its trace is always recorded, one whose caller did not never is) and {@code
 * OTEL_SERVICE_NAME} (default: the service's own name). And one of ours, {@code
 * POLYSHOP_TRACES_FILE}: a file the spans are appended to as JSON lines, for a local run without a
 * trace backend ({@code ./polyshop up --observe} sets it).
 */
public final class Tracing implements AutoCloseable {

  /** No traces: nothing is recorded or exported. */
  public static final Tracing OFF = new Tracing(OpenTelemetry.noop(), null);

  private static final AttributeKey<String> RPC_SYSTEM = AttributeKey.stringKey("rpc.system");
  private static final AttributeKey<String> RPC_SERVICE = AttributeKey.stringKey("rpc.service");
  private static final AttributeKey<String> RPC_METHOD = AttributeKey.stringKey("rpc.method");
  private static final AttributeKey<Long> RPC_STATUS = AttributeKey.longKey("rpc.grpc.status_code");
  // What OpenTelemetry's gRPC conventions count as a server's own failure; the rest are the
  // caller's.
  private static final Set<Status.Code> SERVER_ERRORS =
      Set.of(
          Status.Code.UNKNOWN,
          Status.Code.DEADLINE_EXCEEDED,
          Status.Code.UNIMPLEMENTED,
          Status.Code.INTERNAL,
          Status.Code.UNAVAILABLE,
          Status.Code.DATA_LOSS);
  // Health probes (every few seconds from the kubelet) and reflection are not the shop's work.
  private static final Pattern UNTRACED =
      Pattern.compile("grpc\\.health\\.v1\\.Health|grpc\\.reflection\\..*");
  private static final String TRACEPARENT = "traceparent";

  /** Reads a carrier through a header lookup: what W3C trace context propagation asks of one. */
  private static final TextMapGetter<Function<String, @Nullable String>> HEADER =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Function<String, @Nullable String> carrier) {
          return List.of(TRACEPARENT, "tracestate");
        }

        @Override
        public @Nullable String get(
            @Nullable Function<String, @Nullable String> carrier, String key) {
          return carrier == null ? null : carrier.apply(key);
        }
      };

  private final OpenTelemetry openTelemetry;
  private final @Nullable SdkTracerProvider provider;
  private final Tracer tracer;

  private Tracing(OpenTelemetry openTelemetry, @Nullable SdkTracerProvider provider) {
    this.openTelemetry = openTelemetry;
    this.provider = provider;
    this.tracer = openTelemetry.getTracer("dev.polyshop");
  }

  /**
   * Where and how much to trace, as read from the environment (see the class comment).
   *
   * @param endpoint the OTLP/HTTP base URL spans are exported to
   * @param file a file spans are appended to as JSON lines (a local run without a backend)
   * @param serviceName the {@code service.name} of the spans
   * @param sampleRatio the share of new traces recorded
   */
  public record Settings(
      Optional<URI> endpoint, Optional<Path> file, String serviceName, double sampleRatio) {

    /** The variables {@link #read} reads. */
    public static final List<String> VARIABLES =
        List.of(
            "OTEL_EXPORTER_OTLP_ENDPOINT",
            "POLYSHOP_TRACES_FILE",
            "OTEL_SERVICE_NAME",
            "OTEL_TRACES_SAMPLER_ARG");

    /**
     * Reads {@code OTEL_EXPORTER_OTLP_ENDPOINT}, {@code POLYSHOP_TRACES_FILE}, {@code
     * OTEL_SERVICE_NAME} and {@code OTEL_TRACES_SAMPLER_ARG}.
     */
    public static Settings read(EnvConfig env, String serviceName) {
      return new Settings(
          env.url("OTEL_EXPORTER_OTLP_ENDPOINT", ""),
          env.optional("POLYSHOP_TRACES_FILE").map(Path::of),
          env.string("OTEL_SERVICE_NAME", serviceName),
          env.ratio("OTEL_TRACES_SAMPLER_ARG", 1.0));
    }
  }

  /** Tracing as the settings say: exporting to their endpoint and file, or off with neither. */
  public static Tracing start(Settings settings) {
    if (settings.endpoint().isEmpty() && settings.file().isEmpty()) {
      return OFF;
    }
    var builder =
        SdkTracerProvider.builder()
            .setResource(
                Resource.getDefault()
                    .merge(
                        Resource.create(
                            Attributes.of(
                                AttributeKey.stringKey("service.name"), settings.serviceName()))))
            .setSampler(Sampler.parentBased(Sampler.traceIdRatioBased(settings.sampleRatio())));
    settings
        .endpoint()
        .map(endpoint -> endpoint.toString().replaceAll("/+$", "") + "/v1/traces")
        .map(url -> OtlpHttpSpanExporter.builder().setEndpoint(url).build())
        .ifPresent(
            exporter -> builder.addSpanProcessor(BatchSpanProcessor.builder(exporter).build()));
    settings
        .file()
        .map(JsonLinesSpanExporter::new)
        .ifPresent(
            exporter -> builder.addSpanProcessor(BatchSpanProcessor.builder(exporter).build()));
    SdkTracerProvider provider = builder.build();
    OpenTelemetrySdk sdk =
        OpenTelemetrySdk.builder()
            .setTracerProvider(provider)
            .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
            .build();
    return new Tracing(sdk, provider);
  }

  /** Tracing as the environment configures it (see the class comment); off without an endpoint. */
  public static Tracing fromEnvironment(EnvConfig env, String serviceName) {
    return start(Settings.read(env, serviceName));
  }

  /**
   * Tracing as {@code lookup} configures it, for an application whose configuration is more than
   * the environment (a Spring application's {@code Environment::getProperty}: the same variables,
   * also settable as properties).
   */
  public static Tracing fromLookup(Function<String, @Nullable String> lookup, String serviceName) {
    Map<String, String> values = new HashMap<>();
    for (String variable : Settings.VARIABLES) {
      String value = lookup.apply(variable);
      if (value != null) {
        values.put(variable, value);
      }
    }
    return fromEnvironment(new EnvConfig(values), serviceName);
  }

  /** Tracing that exports to the OTLP/HTTP endpoint {@code endpoint} ({@code /v1/traces} on it). */
  public static Tracing otlp(URI endpoint, String serviceName, double sampleRatio) {
    return start(new Settings(Optional.of(endpoint), Optional.empty(), serviceName, sampleRatio));
  }

  /** True when spans are recorded and exported. */
  public boolean enabled() {
    return provider != null;
  }

  /** The tracer for spans of the service's own work (e.g. applying a batch from the feed). */
  public Tracer tracer() {
    return tracer;
  }

  /** W3C trace context in and out of text carriers, such as a change event's field. */
  public OpenTelemetry openTelemetry() {
    return openTelemetry;
  }

  /**
   * The W3C {@code traceparent} of the current span, to carry the trace where no call does (a
   * change event written in a request); empty when there is no current span.
   */
  public static Optional<String> currentTraceParent() {
    Map<String, String> carrier = new HashMap<>(2);
    W3CTraceContextPropagator.getInstance().inject(Context.current(), carrier, Map::put);
    return Optional.ofNullable(carrier.get(TRACEPARENT));
  }

  /** The span context a W3C {@code traceparent} value names; invalid when it does not parse. */
  public static SpanContext spanContextOf(String traceParent) {
    Function<String, @Nullable String> header = key -> TRACEPARENT.equals(key) ? traceParent : null;
    Context context =
        W3CTraceContextPropagator.getInstance().extract(Context.root(), header, HEADER);
    return Span.fromContext(context).getSpanContext();
  }

  /**
   * Starts the SERVER span of a request or call: it continues the caller's W3C trace, read from the
   * request's headers through {@code header} (a header's value by its lower-case name, or null), or
   * starts a trace when there is none. Returns the context that holds the span (make it current
   * while the work runs, end the span once the response is sent).
   */
  public Context serverSpan(
      String name, Function<String, @Nullable String> header, Attributes attributes) {
    Context parent =
        openTelemetry
            .getPropagators()
            .getTextMapPropagator()
            .extract(Context.root(), header, HEADER);
    Span span =
        tracer
            .spanBuilder(name)
            .setParent(parent)
            .setSpanKind(SpanKind.SERVER)
            .setAllAttributes(attributes)
            .startSpan();
    return parent.with(span);
  }

  /**
   * Runs {@code work} as a span named {@code name}, linked to the traces {@code traceParents} name
   * (W3C {@code traceparent} values, such as the writes whose changes the work applies), or just
   * runs it when off. Unparsable values are left out; the span is a root of its own trace.
   */
  public <T> T linkedSpan(String name, Collection<String> traceParents, Callable<T> work)
      throws Exception {
    if (!enabled()) {
      return work.call();
    }
    var builder = tracer.spanBuilder(name).setNoParent().setSpanKind(SpanKind.CONSUMER);
    for (String traceParent : traceParents) {
      SpanContext linked = spanContextOf(traceParent);
      if (linked.isValid()) {
        builder.addLink(linked);
      }
    }
    Span span = builder.startSpan();
    try (Scope ignored = span.makeCurrent()) {
      return work.call();
    } catch (Exception | Error e) {
      span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
      throw e;
    } finally {
      span.end();
    }
  }

  /**
   * The interceptors to install on the server: a span per call when on, none when off. Install them
   * outermost, so the span covers the whole call and sees its final status.
   */
  public List<ServerInterceptor> serverInterceptors() {
    return enabled() ? List.of(new ServerSpans()) : List.of();
  }

  /** Exports what is buffered (waiting up to 5 s) and stops. */
  @Override
  public void close() {
    if (provider != null) {
      provider.shutdown().join(5, TimeUnit.SECONDS);
    }
  }

  private final class ServerSpans implements ServerInterceptor {

    @Override
    public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(
        ServerCall<ReqT, RespT> call, Metadata headers, ServerCallHandler<ReqT, RespT> next) {
      MethodDescriptor<ReqT, RespT> method = call.getMethodDescriptor();
      if (UNTRACED.matcher(method.getServiceName()).matches()) {
        return next.startCall(call, headers);
      }
      Context context =
          serverSpan(
              method.getFullMethodName(),
              key -> headers.get(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER)),
              Attributes.of(
                  RPC_SYSTEM,
                  "grpc",
                  RPC_SERVICE,
                  method.getServiceName(),
                  RPC_METHOD,
                  method.getBareMethodName()));
      Span span = Span.fromContext(context);
      AtomicBoolean ended = new AtomicBoolean();
      ServerCall<ReqT, RespT> ending =
          new SimpleForwardingServerCall<>(call) {
            @Override
            public void close(Status status, Metadata trailers) {
              end(span, status, ended);
              super.close(status, trailers);
            }
          };
      ServerCall.Listener<ReqT> listener;
      try (Scope ignored = context.makeCurrent()) {
        listener = next.startCall(ending, headers);
      }
      return new SimpleForwardingServerCallListener<>(listener) {
        @Override
        public void onMessage(ReqT message) {
          try (Scope ignored = context.makeCurrent()) {
            super.onMessage(message);
          }
        }

        @Override
        public void onHalfClose() {
          try (Scope ignored = context.makeCurrent()) {
            super.onHalfClose();
          }
        }

        @Override
        public void onCancel() {
          end(span, Status.CANCELLED, ended);
          try (Scope ignored = context.makeCurrent()) {
            super.onCancel();
          }
        }

        @Override
        public void onComplete() {
          try (Scope ignored = context.makeCurrent()) {
            super.onComplete();
          }
        }

        @Override
        public void onReady() {
          try (Scope ignored = context.makeCurrent()) {
            super.onReady();
          }
        }
      };
    }

    private void end(Span span, Status status, AtomicBoolean ended) {
      if (!ended.compareAndSet(false, true)) {
        return;
      }
      span.setAttribute(RPC_STATUS, (long) status.getCode().value());
      if (SERVER_ERRORS.contains(status.getCode())) {
        span.setStatus(StatusCode.ERROR, status.getCode().name());
      }
      span.end();
    }
  }
}
