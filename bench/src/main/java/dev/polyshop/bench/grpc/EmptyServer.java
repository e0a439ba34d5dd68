package dev.polyshop.bench.grpc;

import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;

/** Serves {@link EmptyService} with grpc-java's defaults on Netty until the process is stopped. */
public final class EmptyServer {

  private EmptyServer() {}

  /** Adds the service to {@code builder} and starts it (tests pass an in-process builder). */
  public static Server start(ServerBuilder<?> builder) throws IOException {
    return builder.addService(EmptyService.definition()).build().start();
  }

  /** {@code grpc-empty --port P}: blocks until the process is stopped. */
  public static void serve(int port) throws IOException, InterruptedException {
    Server server = start(NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", port)));
    Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow));
    System.out.println("grpc-empty listening on 127.0.0.1:" + server.getPort());
    server.awaitTermination();
  }
}
