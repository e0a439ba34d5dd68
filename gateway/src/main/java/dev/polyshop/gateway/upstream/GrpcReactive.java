package dev.polyshop.gateway.upstream;

import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.util.Objects;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;

/**
 * Bridges async gRPC stubs to Reactor without blocking: cancelling the subscriber cancels the call.
 */
public final class GrpcReactive {

  private GrpcReactive() {}

  /** A unary call as a Mono; the call starts on subscribe and is cancelled on cancel. */
  public static <Q, R> Mono<R> unary(
      BiConsumer<Q, io.grpc.stub.StreamObserver<R>> call, Q request) {
    return Mono.create(
        sink ->
            call.accept(
                request,
                new ClientResponseObserver<Q, R>() {
                  @Override
                  public void beforeStart(ClientCallStreamObserver<Q> requestStream) {
                    sink.onCancel(() -> requestStream.cancel("caller went away", null));
                  }

                  @Override
                  public void onNext(R value) {
                    sink.success(value);
                  }

                  @Override
                  public void onError(Throwable t) {
                    sink.error(t);
                  }

                  @Override
                  public void onCompleted() {
                    sink.success();
                  }
                }));
  }

  /**
   * A server-streaming call as a Flux with end-to-end flow control: gRPC messages are requested
   * only as the subscriber asks for them, so a slow consumer pushes back on the server instead of
   * growing a buffer here.
   */
  public static <Q, R> Flux<R> serverStreaming(
      BiConsumer<Q, io.grpc.stub.StreamObserver<R>> call, Q request) {
    return Flux.create(
        sink -> {
          var observer = new StreamingObserver<Q, R>(sink);
          call.accept(request, observer);
          ClientCallStreamObserver<Q> started =
              Objects.requireNonNull(observer.requestStream, "beforeStart runs during the call");
          sink.onRequest(n -> started.request((int) Math.min(n, Integer.MAX_VALUE)));
          sink.onDispose(() -> started.cancel("subscriber went away", null));
        },
        FluxSink.OverflowStrategy.ERROR);
  }

  private static final class StreamingObserver<Q, R> implements ClientResponseObserver<Q, R> {
    private final FluxSink<R> sink;
    private @Nullable ClientCallStreamObserver<Q> requestStream;

    StreamingObserver(FluxSink<R> sink) {
      this.sink = sink;
    }

    @Override
    public void beforeStart(ClientCallStreamObserver<Q> requestStream) {
      this.requestStream = requestStream;
      requestStream.disableAutoRequestWithInitial(0);
    }

    @Override
    public void onNext(R value) {
      sink.next(value);
    }

    @Override
    public void onError(Throwable t) {
      sink.error(t);
    }

    @Override
    public void onCompleted() {
      sink.complete();
    }
  }
}
