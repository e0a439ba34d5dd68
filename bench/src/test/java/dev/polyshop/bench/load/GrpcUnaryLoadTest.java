package dev.polyshop.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Empty;
import com.google.protobuf.Int32Value;
import dev.polyshop.bench.grpc.EmptyServer;
import dev.polyshop.bench.grpc.EmptyService;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ServerCalls;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GrpcUnaryLoadTest {

  /** A unary method whose requests can be told apart (the value), answered with Empty. */
  private static final MethodDescriptor<Int32Value, Empty> CALL =
      MethodDescriptor.<Int32Value, Empty>newBuilder()
          .setType(MethodDescriptor.MethodType.UNARY)
          .setFullMethodName(MethodDescriptor.generateFullMethodName("polyshop.bench.Test", "Call"))
          .setRequestMarshaller(ProtoUtils.marshaller(Int32Value.getDefaultInstance()))
          .setResponseMarshaller(ProtoUtils.marshaller(Empty.getDefaultInstance()))
          .build();

  private final String name = InProcessServerBuilder.generateName();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
  private Server server;
  private ManagedChannel channel;

  @AfterEach
  void stop() throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    timer.shutdownNow();
  }

  @Test
  void fixedRate_sendsExactlyRateTimesDuration_andCountsEveryAnswer() throws IOException {
    server = EmptyServer.start(InProcessServerBuilder.forName(name).directExecutor());
    channel = InProcessChannelBuilder.forName(name).directExecutor().build();
    var load =
        new GrpcUnaryLoad<>(
            List.of(channel),
            EmptyService.CALL,
            List.of(Empty.getDefaultInstance()),
            Duration.ofSeconds(10));

    LoadResult result = load.fixedRate(4, 200, Duration.ofMillis(500), Duration.ofSeconds(5));

    assertThat(result.completed()).isEqualTo(100);
    assertThat(result.errors()).isZero();
    assertThat(result.mode()).isEqualTo("fixed-rate");
  }

  @Test
  void fixedRate_latencyCountsFromTheIntendedSendTime_notFromWhenACallCouldGoOut()
      throws IOException {
    // Each call takes 50 ms and only one may be in flight: calls due every 10 ms queue up, so the
    // later ones wait for seconds. A generator that timed from the actual send would see ~50 ms.
    startServer((request, done) -> timer.schedule(done, 50, TimeUnit.MILLISECONDS));
    var load = load(List.of(Int32Value.of(1)));

    LoadResult result = load.fixedRate(1, 100, Duration.ofMillis(500), Duration.ofSeconds(10));

    assertThat(result.completed()).isEqualTo(50);
    assertThat(result.p50Micros()).isGreaterThan(500_000);
    assertThat(result.maxMicros()).isGreaterThan(1_500_000);
    assertThat(result.sendLagP99Micros()).isGreaterThan(1_000_000);
  }

  @Test
  void callsUnansweredAfterTheDrain_areErrors_notAHang() throws IOException {
    startServer((request, done) -> {}); // never answers
    var load = load(List.of(Int32Value.of(1)));

    long start = System.nanoTime();
    LoadResult result = load.fixedRate(8, 100, Duration.ofMillis(100), Duration.ofMillis(300));

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    assertThat(result.completed()).isZero();
    assertThat(result.errors()).isEqualTo(10);
    assertThat(result.maxMicros()).isGreaterThanOrEqualTo(300_000);
  }

  @Test
  void failedStatuses_areErrors() throws IOException {
    server =
        InProcessServerBuilder.forName(name)
            .directExecutor()
            .addService(
                ServerServiceDefinition.builder("polyshop.bench.Test")
                    .addMethod(
                        CALL,
                        ServerCalls.asyncUnaryCall(
                            (request, response) ->
                                response.onError(Status.INVALID_ARGUMENT.asRuntimeException())))
                    .build())
            .build()
            .start();
    var load = load(List.of(Int32Value.of(1)));

    LoadResult result = load.fixedRate(2, 100, Duration.ofMillis(200), Duration.ofSeconds(5));

    assertThat(result.completed()).isZero();
    assertThat(result.errors()).isEqualTo(20);
  }

  @Test
  void requestsAreSentInTurn_andSaturationKeepsCallsInFlight() throws IOException {
    AtomicInteger[] seen = {new AtomicInteger(), new AtomicInteger()};
    startServer(
        (request, done) -> {
          seen[request.getValue() - 1].incrementAndGet();
          done.run();
        });
    var load = load(List.of(Int32Value.of(1), Int32Value.of(2)));

    LoadResult result = load.saturation(3, Duration.ofMillis(300));

    assertThat(result.completed()).isPositive();
    assertThat(result.errors()).isZero();
    assertThat(Math.abs(seen[0].get() - seen[1].get())).isLessThanOrEqualTo(3);
  }

  private interface Handler {
    void handle(Int32Value request, Runnable done);
  }

  private void startServer(Handler handler) throws IOException {
    server =
        InProcessServerBuilder.forName(name)
            .directExecutor()
            .addService(
                ServerServiceDefinition.builder("polyshop.bench.Test")
                    .addMethod(
                        CALL,
                        ServerCalls.asyncUnaryCall(
                            (request, response) ->
                                handler.handle(
                                    request,
                                    () -> {
                                      response.onNext(Empty.getDefaultInstance());
                                      response.onCompleted();
                                    })))
                    .build())
            .build()
            .start();
  }

  private GrpcUnaryLoad<Int32Value, Empty> load(List<Int32Value> requests) {
    channel = InProcessChannelBuilder.forName(name).directExecutor().build();
    return new GrpcUnaryLoad<>(List.of(channel), CALL, requests, Duration.ofSeconds(10));
  }
}
