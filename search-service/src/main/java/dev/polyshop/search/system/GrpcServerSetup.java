package dev.polyshop.search.system;

import dev.polyshop.search.api.SearchGrpcService;
import dev.polyshop.search.index.ProductIndex;
import dev.polyshop.search.index.ProductSearcher;
import dev.polyshop.search.index.ProductSuggester;
import io.grpc.ServerBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/** The gRPC wiring, shared by {@code main} and the tests: services, limits, executor, metrics. */
public final class GrpcServerSetup {

  private GrpcServerSetup() {}

  /**
   * Adds search, health and reflection to {@code builder}.
   *
   * @param executor runs every call; searching is CPU-bound, so a fixed pool of one thread per core
   *     gives the best throughput, and a call waiting in its queue past its deadline is dropped
   *     without being worked on
   */
  public static ServerBuilder<?> configure(
      ServerBuilder<?> builder,
      Config config,
      ProductIndex index,
      ServingState serving,
      SearchMetrics metrics,
      Executor executor) {
    var search =
        new SearchGrpcService(
            new ProductSearcher(index),
            new ProductSuggester(index),
            config.limits(),
            serving::isServing);
    return builder
        .executor(executor)
        // Requests are a few hundred bytes; gRPC's default allows 4 MiB per message.
        .maxInboundMessageSize(config.maxInboundMessageBytes())
        .addService(search)
        .addService(serving.healthService())
        .addService(ProtoReflectionServiceV1.newInstance())
        .intercept(metrics.interceptor());
  }

  /**
   * A Netty server on the configured port. Keepalive detects dead peers within about 80 s, lets
   * clients ping every 30 s (also between calls), and rotates connections after 30 min so clients
   * re-resolve and spread load over new replicas.
   */
  public static NettyServerBuilder netty(Config config) {
    return NettyServerBuilder.forPort(config.grpcPort())
        .keepAliveTime(60, TimeUnit.SECONDS)
        .keepAliveTimeout(20, TimeUnit.SECONDS)
        .permitKeepAliveTime(30, TimeUnit.SECONDS)
        .permitKeepAliveWithoutCalls(true)
        .maxConnectionAge(30, TimeUnit.MINUTES)
        .maxConnectionAgeGrace(config.shutdownGrace().toSeconds(), TimeUnit.SECONDS);
  }
}
