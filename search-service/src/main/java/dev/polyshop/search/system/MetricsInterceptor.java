package dev.polyshop.search.system;

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
import java.util.concurrent.atomic.AtomicBoolean;

/** Counts and times every call by method and final status, cancelled calls included. */
final class MetricsInterceptor implements ServerInterceptor {

  private final SearchMetrics metrics;

  MetricsInterceptor(SearchMetrics metrics) {
    this.metrics = metrics;
  }

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
            record(method, status.getCode(), started, recorded);
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
        record(method, code, started, recorded);
        super.onCancel();
      }
    };
  }

  private void record(
      MethodDescriptor<?, ?> method, Status.Code code, long started, AtomicBoolean recorded) {
    if (recorded.compareAndSet(false, true)) {
      metrics.recordCall(
          method.getServiceName(), method.getBareMethodName(), code, System.nanoTime() - started);
    }
  }
}
