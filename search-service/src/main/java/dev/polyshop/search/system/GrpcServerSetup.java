package dev.polyshop.search.system;

import dev.polyshop.kit.ServingState;
import dev.polyshop.kit.Tracing;
import dev.polyshop.search.api.SearchErrors;
import dev.polyshop.search.api.SearchGrpcService;
import dev.polyshop.search.index.ProductIndex;
import dev.polyshop.search.index.ProductSearcher;
import dev.polyshop.search.index.ProductSuggester;
import io.grpc.ServerBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import java.util.concurrent.Executor;

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
      Tracing tracing,
      Executor executor) {
    var search =
        new SearchGrpcService(
            new ProductSearcher(index),
            new ProductSuggester(index),
            config.limits(),
            serving::isServing);
    builder
        .executor(executor)
        // Requests are a few hundred bytes; gRPC's default allows 4 MiB per message.
        .maxInboundMessageSize(config.maxInboundMessageBytes())
        .addService(search)
        .addService(serving.healthService())
        .addService(ProtoReflectionServiceV1.newInstance())
        // Interceptors added later run first: metrics count each call with the mapped status, and
        // a call's span (when tracing is on) covers all of it.
        .intercept(SearchErrors.MAPPING.interceptor())
        .intercept(metrics.interceptor());
    tracing.serverInterceptors().forEach(builder::intercept);
    return builder;
  }

  /**
   * A Netty server on the configured port, with the configured keep-alive and connection age (by
   * default: dead peers found within about 80 s, client pings allowed every 30 s, connections
   * rotated after 30 min).
   */
  public static NettyServerBuilder netty(Config config) {
    return config.connections().applyTo(NettyServerBuilder.forPort(config.grpcPort()));
  }
}
