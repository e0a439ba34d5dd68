package dev.polyshop.system.testing;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.ByteArrayInputStream;
import java.util.concurrent.TimeUnit;
import org.testcontainers.containers.GenericContainer;

/**
 * A native gRPC client of the gateway's TLS port, as a backend service would be: it trusts the
 * development certificate the gateway generated in its container, and nothing else.
 */
public final class GatewayGrpc implements AutoCloseable {

  public final ManagedChannel channel;

  public GatewayGrpc(GenericContainer<?> gateway, String certificatePath) throws Exception {
    byte[] certificate = gateway.copyFileFromContainer(certificatePath, in -> in.readAllBytes());
    this.channel =
        NettyChannelBuilder.forAddress(gateway.getHost(), gateway.getMappedPort(8443))
            .overrideAuthority("localhost") // the certificate's name, whatever host Docker is on
            .sslContext(
                GrpcSslContexts.forClient()
                    .trustManager(new ByteArrayInputStream(certificate))
                    .build())
            .build();
  }

  @Override
  public void close() throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }
}
