package dev.polyshop.gateway.upstream;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Long-lived channels to the gRPC upstreams, created at startup and closed on shutdown: one to
 * search-service, a pool of them to push-service (its calls are long-lived subscriptions, and each
 * connection carries a bounded number; see {@link ChannelPool}).
 *
 * <p>Never a channel per request (the trap of Spring Cloud Gateway's JsonToGrpc filter): the JSON
 * bridge, the SSE bridge and the native passthrough all share these.
 */
@Configuration(proxyBeanMethods = false)
public class GrpcChannels {

  private static final Logger log = LoggerFactory.getLogger(GrpcChannels.class);

  /** Qualifier of the search-service channel. */
  public static final String SEARCH = "searchChannel";

  /** Qualifier of the push-service channel. */
  public static final String PUSH = "pushChannel";

  @Bean(name = SEARCH, destroyMethod = "")
  @Qualifier(SEARCH)
  ManagedChannel searchChannel(GrpcProperties properties) {
    return channel(properties.searchTarget(), properties);
  }

  @Bean(name = PUSH, destroyMethod = "")
  @Qualifier(PUSH)
  ManagedChannel pushChannel(GrpcProperties properties) {
    int capacity = properties.pushConnections() * properties.pushCallsPerConnection();
    int limit =
        SubscriberLimit.of(properties.maxSubscribers(), capacity, SubscriberLimit.openFileLimit());
    log.info(
        "push subscriptions: at most {} at once ({} connections × {} calls; open-file limit {})",
        limit,
        properties.pushConnections(),
        properties.pushCallsPerConnection(),
        SubscriberLimit.openFileLimit());
    return new ChannelPool(
        properties.pushConnections(),
        properties.pushCallsPerConnection(),
        limit,
        () -> channel(properties.pushTarget(), properties));
  }

  @Bean
  ChannelCloser grpcChannelCloser(
      @Qualifier(SEARCH) ManagedChannel search, @Qualifier(PUSH) ManagedChannel push) {
    return new ChannelCloser(search, push);
  }

  /**
   * A channel whose callbacks run on its own event loop ({@code directExecutor}): everything they
   * do (completing a Mono or feeding a Flux, turning a response into JSON, handing the bytes to the
   * HTTP connection's loop) is non-blocking. With gRPC's default executor, every response also
   * crossed to a pool thread: a third thread per request, its hand-off and wake-up (about 15 % of
   * the gateway's CPU under search load, with the thread switches they cause).
   */
  static ManagedChannel channel(String target, GrpcProperties properties) {
    ManagedChannel channel =
        NettyChannelBuilder.forTarget(target)
            .directExecutor()
            .defaultLoadBalancingPolicy("round_robin")
            .usePlaintext()
            .maxInboundMessageSize((int) properties.maxInboundMessageSize().toBytes())
            .keepAliveTime(30, TimeUnit.SECONDS)
            .keepAliveWithoutCalls(false)
            .build();
    channel.getState(true); // start resolving and connecting now, not on the first request
    return channel;
  }

  /** Closes the channels gracefully (in-flight calls get a moment) when the context stops. */
  record ChannelCloser(ManagedChannel... channels) implements AutoCloseable {
    @Override
    public void close() throws InterruptedException {
      for (ManagedChannel channel : channels) {
        channel.shutdown();
      }
      for (ManagedChannel channel : channels) {
        if (!channel.awaitTermination(5, TimeUnit.SECONDS)) {
          channel.shutdownNow();
        }
      }
    }
  }
}
