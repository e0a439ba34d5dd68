package dev.polyshop.bench.suite;

import com.google.protobuf.Empty;
import dev.polyshop.bench.grpc.EmptyService;
import dev.polyshop.bench.load.GrpcUnaryLoad;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The gRPC ceiling: an empty grpc-java unary service, loaded like search-service. */
final class GrpcCeiling extends Rows {

  static final String NAME = "grpc-java-empty";
  static final String DESCRIPTION =
      "an empty grpc-java unary service (grpc-netty-shaded, default server settings, google.protobuf.Empty"
          + " both ways), from this harness's own jar: the gRPC ceiling of machine + generator";
  static final Scenario SCENARIO =
      new Scenario(
          "grpc-unary",
          "polyshop.bench.EmptyService/Call",
          "an empty unary gRPC call over one plaintext HTTP/2 channel",
          64,
          64,
          false);

  private final Map<String, Double> reference;

  GrpcCeiling(Suite suite, Services services, int rep, Map<String, Double> reference) {
    super(suite, services, rep);
    this.reference = reference;
  }

  List<Measurement> run() throws IOException, InterruptedException {
    try (Server server = services.emptyGrpc()) {
      ManagedChannel channel =
          NettyChannelBuilder.forAddress("127.0.0.1", server.port())
              .usePlaintext()
              .directExecutor()
              .build();
      try {
        Duration ready =
            server.awaitReady(
                "answering a call",
                Duration.ofMinutes(2),
                () -> {
                  ClientCalls.blockingUnaryCall(
                      channel,
                      EmptyService.CALL,
                      CallOptions.DEFAULT.withDeadlineAfter(1, TimeUnit.SECONDS),
                      Empty.getDefaultInstance());
                  return true;
                });
        var load =
            new GrpcUnaryLoad<>(
                List.of(channel),
                EmptyService.CALL,
                List.of(Empty.getDefaultInstance()),
                Duration.ofSeconds(10));
        Measurement m =
            suite.measureScenario(
                rep, NAME, load, SCENARIO, Architecture.pids(server), reference, true);
        startups.add(Startup.of(rep, NAME, ready, m, ""));
        return List.of(m);
      } finally {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
    }
  }
}
