package dev.polyshop.push.system;

import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Boots push-service from environment variables; stops gracefully on SIGTERM. */
public final class PushServiceMain {

  private static final Logger log = LoggerFactory.getLogger(PushServiceMain.class);

  private PushServiceMain() {}

  public static void main(String[] args) throws Exception {
    Config config = Config.fromEnvironment();
    // All interfaces; the internal (Publish) port unless it is -1.
    PushServer server =
        PushServer.start(
            config,
            GrpcServerSetup.netty(config, new InetSocketAddress(config.grpcPort())),
            config.internalGrpcPort() < 0
                ? null
                : GrpcServerSetup.netty(config, new InetSocketAddress(config.internalGrpcPort())));
    log.info(
        "push-service listening: gRPC {}, internal gRPC (Publish) {}, metrics {}, catalog feed {},"
            + " publishing {}",
        server.port(),
        server.internalPort(),
        server.metricsPort(),
        config.productServiceUrl().map(Object::toString).orElse("off"),
        config.publisherJwtSecret().isEmpty()
            ? "off (no PUSH_PUBLISHER_JWT_SECRET)"
            : config.redisUrl().isPresent() ? "via Redis" : "in process");
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "push-shutdown"));
    server.awaitTermination();
  }
}
