package dev.polyshop.gateway.testing;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The upstreams every gateway integration test talks to, on real loopback ports: WireMock as
 * product-service, in-process-logic gRPC servers as search-service and push-service. Started once
 * per test JVM so that all tests can share one application context.
 */
public final class FakeUpstreams {

  private static FakeUpstreams instance;

  public final WireMockServer products;
  public final FakeSearchService search = new FakeSearchService();
  public final FakePushService push = new FakePushService();
  public final Server searchServer;
  public final Server pushServer;

  private FakeUpstreams() {
    products =
        new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().gzipDisabled(true));
    products.start();
    searchServer = grpcServer(search);
    pushServer = grpcServer(push);
    Runtime.getRuntime().addShutdownHook(new Thread(this::stop));
  }

  public static synchronized FakeUpstreams get() {
    if (instance == null) {
      instance = new FakeUpstreams();
    }
    return instance;
  }

  public String productsUri() {
    return "http://127.0.0.1:" + products.port();
  }

  public String searchTarget() {
    return "dns:///127.0.0.1:" + searchServer.getPort();
  }

  public String pushTarget() {
    return "dns:///127.0.0.1:" + pushServer.getPort();
  }

  /** Request metadata of the last call to either fake gRPC service. */
  public final java.util.concurrent.atomic.AtomicReference<Metadata> lastGrpcHeaders =
      new java.util.concurrent.atomic.AtomicReference<>();

  private Server grpcServer(io.grpc.BindableService service) {
    ServerInterceptor capture =
        new ServerInterceptor() {
          @Override
          public <Q, R> ServerCall.Listener<Q> interceptCall(
              ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
            lastGrpcHeaders.set(headers);
            return next.startCall(call, headers);
          }
        };
    try {
      return NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
          .addService(ServerInterceptors.intercept(service, capture))
          .build()
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void stop() {
    products.stop();
    for (Server server : new Server[] {searchServer, pushServer}) {
      server.shutdownNow();
      try {
        server.awaitTermination(2, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
