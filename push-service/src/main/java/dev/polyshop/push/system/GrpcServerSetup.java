package dev.polyshop.push.system;

import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.net.SocketAddress;

/** The production transport, shared by {@code main} and the tests that run over real sockets. */
public final class GrpcServerSetup {

  private GrpcServerSetup() {}

  /**
   * A Netty server builder with push-service's connection settings: keep-alive and connection age
   * (service-kit's {@code GrpcConnections}), and bounds on streams per connection and on inbound
   * message and metadata size.
   */
  public static NettyServerBuilder netty(Config config, SocketAddress address) {
    return config
        .connections()
        .applyTo(NettyServerBuilder.forAddress(address))
        .maxConcurrentCallsPerConnection(config.maxCallsPerConnection())
        .maxInboundMessageSize(256 * 1024)
        .maxInboundMetadataSize(16 * 1024);
  }
}
