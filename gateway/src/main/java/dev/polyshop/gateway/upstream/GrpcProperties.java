package dev.polyshop.gateway.upstream;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * gRPC upstreams and the native gRPC (TLS, HTTP/2) listener.
 *
 * @param searchTarget search-service target; {@code dns:///} + round_robin spreads calls over all
 *     addresses the name resolves to (use a headless Service in Kubernetes)
 * @param pushTarget push-service target
 * @param deadline deadline of every unary call the gateway makes (JSON bridge and native unary
 *     calls that arrive without one)
 * @param maxInboundMessageSize largest upstream response message accepted
 * @param tls the native gRPC listener
 * @param limits bounds on the native gRPC listener's callers
 * @param pushConnections channels (connections) to push-service, for its long-lived Subscribe calls
 * @param pushCallsPerConnection calls the gateway opens at most per push channel: no more than
 *     push-service allows per connection ({@code PUSH_MAX_CALLS_PER_CONNECTION}, 2,000); together
 *     with {@code pushConnections} the most concurrent subscribers (SSE and native) the gateway
 *     serves, beyond which a subscriber is refused with 503 / {@code UNAVAILABLE}
 * @param maxSubscribers the most subscriptions (SSE and native) the gateway holds at once; 0 (the
 *     default) derives it from the process's open-file limit, since each SSE subscriber holds a
 *     socket ({@link SubscriberLimit}); never more than {@code pushConnections ×
 *     pushCallsPerConnection}
 */
@ConfigurationProperties("polyshop.gateway.grpc")
public record GrpcProperties(
    @DefaultValue("dns:///localhost:9091") String searchTarget,
    @DefaultValue("dns:///localhost:9092") String pushTarget,
    @DefaultValue("2s") Duration deadline,
    @DefaultValue("4MB") DataSize maxInboundMessageSize,
    @DefaultValue Tls tls,
    @DefaultValue Limits limits,
    @DefaultValue("16") int pushConnections,
    @DefaultValue("2000") int pushCallsPerConnection,
    @DefaultValue("0") int maxSubscribers) {

  /**
   * Native gRPC listener settings.
   *
   * @param enabled whether to listen at all
   * @param host bind address
   * @param port TLS port (0 picks a free one)
   * @param certificateChain PEM certificate chain; empty: a self-signed one is generated
   * @param privateKey PEM PKCS#8 private key for {@code certificateChain}
   * @param selfSignedDirectory where the generated certificate and key are written (and reused)
   */
  public record Tls(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("0.0.0.0") String host,
      @DefaultValue("8443") int port,
      Path certificateChain,
      Path privateKey,
      @DefaultValue(".polyshop/tls") Path selfSignedDirectory) {}

  /**
   * Bounds on what one caller can make the native gRPC listener hold.
   *
   * @param maxConcurrentCallsPerConnection concurrent calls (HTTP/2 streams) per connection; more
   *     wait in the client until one ends
   * @param maxConnectionAge connections are asked to go away after this (±10 %), which also
   *     rebalances long-lived streams across replicas
   * @param maxConnectionAgeGrace then their calls get this long before the connection is closed
   * @param maxInboundMessageSize largest request message (RESOURCE_EXHAUSTED beyond)
   * @param maxInboundMetadataSize largest header block of a call
   * @param maxUnaryDeadline the longest a unary call may run, whatever deadline it asks for
   */
  public record Limits(
      @DefaultValue("100") int maxConcurrentCallsPerConnection,
      @DefaultValue("30m") Duration maxConnectionAge,
      @DefaultValue("10m") Duration maxConnectionAgeGrace,
      @DefaultValue("64KB") DataSize maxInboundMessageSize,
      @DefaultValue("8KB") DataSize maxInboundMetadataSize,
      @DefaultValue("10s") Duration maxUnaryDeadline) {}
}
