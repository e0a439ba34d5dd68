package dev.polyshop.gateway.passthrough;

import dev.polyshop.gateway.ratelimit.ClientRateLimiter;
import dev.polyshop.gateway.upstream.GrpcChannels;
import dev.polyshop.gateway.upstream.GrpcProperties;
import dev.polyshop.push.v1.PushServiceGrpc;
import dev.polyshop.search.v1.SearchServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerInterceptor;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.stereotype.Component;

/**
 * Native gRPC on a TLS (HTTP/2) port: the public methods of {@code
 * polyshop.search.v1.SearchService} and {@code polyshop.push.v1.PushService} are forwarded byte for
 * byte over the shared upstream channels, server streaming included, after authentication, topic
 * checks and the rate limit.
 */
@Component
@ConditionalOnProperty(name = "polyshop.gateway.grpc.tls.enabled", matchIfMissing = true)
public class NativeGrpcServer implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(NativeGrpcServer.class);

  private final GrpcProperties properties;
  private final PassthroughRegistry registry;
  private volatile @Nullable Server server;

  NativeGrpcServer(
      GrpcProperties properties,
      @Qualifier(GrpcChannels.SEARCH) ManagedChannel search,
      @Qualifier(GrpcChannels.PUSH) ManagedChannel push,
      ReactiveJwtDecoder jwtDecoder,
      ObjectProvider<ClientRateLimiter> rateLimiter) {
    this.properties = properties;
    List<ServerInterceptor> edge = new ArrayList<>();
    edge.add(new EdgeAuthentication(jwtDecoder));
    rateLimiter.ifAvailable(limiter -> edge.add(new EdgeRateLimit(limiter)));
    this.registry =
        new PassthroughRegistry(
            Map.of(
                SearchServiceGrpc.getServiceDescriptor(), search,
                PushServiceGrpc.getServiceDescriptor(), push),
            new ProxyCallHandler.Deadlines(
                properties.deadline(), properties.limits().maxUnaryDeadline()),
            edge);
  }

  @Override
  public void start() {
    var tls = properties.tls();
    var limits = properties.limits();
    SelfSignedCertificate identity = identity(tls);
    try {
      server =
          NettyServerBuilder.forAddress(new InetSocketAddress(tls.host(), tls.port()))
              .sslContext(
                  GrpcSslContexts.forServer(
                          identity.certificate().toFile(), identity.privateKey().toFile())
                      .build())
              .fallbackHandlerRegistry(registry)
              .permitKeepAliveTime(10, TimeUnit.SECONDS)
              .maxConcurrentCallsPerConnection(limits.maxConcurrentCallsPerConnection())
              .maxConnectionAge(limits.maxConnectionAge().toMillis(), TimeUnit.MILLISECONDS)
              .maxConnectionAgeGrace(
                  limits.maxConnectionAgeGrace().toMillis(), TimeUnit.MILLISECONDS)
              .maxInboundMessageSize(Math.toIntExact(limits.maxInboundMessageSize().toBytes()))
              .maxInboundMetadataSize(Math.toIntExact(limits.maxInboundMetadataSize().toBytes()))
              .build()
              .start();
    } catch (SSLException e) {
      throw new IllegalStateException("invalid TLS certificate or key for the gRPC port", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    log.info(
        "native gRPC (TLS, HTTP/2) listening on {}:{} with certificate {}",
        tls.host(),
        server.getPort(),
        identity.certificate().toAbsolutePath());
  }

  private static SelfSignedCertificate identity(GrpcProperties.Tls tls) {
    if (tls.certificateChain() != null && tls.privateKey() != null) {
      return new SelfSignedCertificate(tls.certificateChain(), tls.privateKey());
    }
    SelfSignedCertificate generated = SelfSignedCertificate.in(tls.selfSignedDirectory());
    log.warn(
        "no polyshop.gateway.grpc.tls.certificate-chain configured: using the self-signed"
            + " development certificate {} (trust it explicitly, never in production)",
        generated.certificate().toAbsolutePath());
    return generated;
  }

  @Override
  public void stop() {
    Server running = server;
    if (running == null) {
      return;
    }
    running.shutdown();
    try {
      if (!running.awaitTermination(5, TimeUnit.SECONDS)) {
        running.shutdownNow();
      }
    } catch (InterruptedException e) {
      running.shutdownNow();
      Thread.currentThread().interrupt();
    }
    server = null;
  }

  @Override
  public boolean isRunning() {
    return server != null;
  }

  /** The bound port (useful when configured as 0). */
  public int port() {
    Server running = server;
    if (running == null) {
      throw new IllegalStateException("the native gRPC server is not running");
    }
    return running.getPort();
  }
}
