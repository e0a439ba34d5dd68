package dev.polyshop.kit;

import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The gRPC server metrics every gRPC service exposes under the same names: {@code
 * grpc_server_handled_total} and {@code grpc_server_handling_seconds}, by service, method and final
 * status code (cancelled calls and expired deadlines included). The labels are bounded by the
 * services' descriptors.
 */
public final class GrpcServerMetrics {

  private final Counter handled;
  private final Histogram latency;

  /**
   * Registers the two metrics in {@code registry}; {@code upperBounds} are the histogram's buckets
   * in seconds, chosen for the service's calls (short unary calls, or long streams).
   */
  public GrpcServerMetrics(PrometheusRegistry registry, double... upperBounds) {
    this.handled =
        Counter.builder()
            .name("grpc_server_handled_total")
            .help("gRPC calls completed, by service, method and status code")
            .labelNames("grpc_service", "grpc_method", "grpc_code")
            // With OpenTelemetry on the class path, a metric that samples exemplars looks up the
            // current span on every update; the text format served here carries no exemplars.
            .withoutExemplars()
            .register(registry);
    this.latency =
        Histogram.builder()
            .name("grpc_server_handling_seconds")
            .help(
                "Time from receiving a gRPC call to closing it, by service, method and status code")
            .unit(Unit.SECONDS)
            .labelNames("grpc_service", "grpc_method", "grpc_code")
            .classicOnly()
            .classicUpperBounds(upperBounds)
            .withoutExemplars()
            .register(registry);
  }

  /** Records every call of the services it intercepts. */
  public ServerInterceptor interceptor() {
    return new Recorder();
  }

  private void record(MethodDescriptor<?, ?> method, Status.Code code, long nanos) {
    String service = method.getServiceName();
    String name = method.getBareMethodName();
    handled.labelValues(service, name, code.name()).inc();
    latency.labelValues(service, name, code.name()).observe(nanos / 1e9);
  }

  private final class Recorder implements ServerInterceptor {

    @Override
    public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(
        ServerCall<ReqT, RespT> call, Metadata headers, ServerCallHandler<ReqT, RespT> next) {
      long started = System.nanoTime();
      MethodDescriptor<ReqT, RespT> method = call.getMethodDescriptor();
      AtomicBoolean recorded = new AtomicBoolean();
      ServerCall<ReqT, RespT> recording =
          new SimpleForwardingServerCall<>(call) {
            @Override
            public void close(Status status, Metadata trailers) {
              once(method, status.getCode(), started, recorded);
              super.close(status, trailers);
            }
          };
      return new SimpleForwardingServerCallListener<>(next.startCall(recording, headers)) {
        @Override
        public void onCancel() {
          Deadline deadline = Context.current().getDeadline();
          Status.Code code =
              deadline != null && deadline.isExpired()
                  ? Status.Code.DEADLINE_EXCEEDED
                  : Status.Code.CANCELLED;
          once(method, code, started, recorded);
          super.onCancel();
        }
      };
    }

    private void once(
        MethodDescriptor<?, ?> method, Status.Code code, long started, AtomicBoolean recorded) {
      if (recorded.compareAndSet(false, true)) {
        record(method, code, System.nanoTime() - started);
      }
    }
  }
}
