package dev.polyshop.bench.suite;

import dev.polyshop.bench.grpc.EmptyService;
import dev.polyshop.bench.load.GrpcUnaryLoad;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The gRPC ceiling: an empty grpc-java unary service, loaded like search-service. */
final class GrpcCeiling {

  static final String NAME = "grpc-java-empty";
  static final String DESCRIPTION =
      "an empty grpc-java unary service (grpc-netty-shaded, default server settings, no protobuf:"
          + " empty messages), from this harness's own jar: the gRPC ceiling of machine + generator";
  static final Scenario SCENARIO =
      new Scenario(
          "grpc-unary",
          "polyshop.bench.EmptyService/Call",
          "an empty unary gRPC call over one plaintext HTTP/2 channel",
          64,
          64,
          false);

  private final Suite suite;
  private final Services services;
  private final int rep;
  private final Map<String, Double> reference;
  private final List<Startup> startups = new ArrayList<>();

  GrpcCeiling(Suite suite, Services services, int rep, Map<String, Double> reference) {
    this.suite = suite;
    this.services = services;
    this.rep = rep;
    this.reference = reference;
  }

  List<Startup> startups() {
    return startups;
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
                      new byte[0]);
                  return true;
                });
        var load =
            new GrpcUnaryLoad<>(
                List.of(channel), EmptyService.CALL, List.of(new byte[0]), Duration.ofSeconds(10));
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
