package dev.polyshop.gateway.problem;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.netty.NettyPipeline;

/** Installs {@link EmptyErrorBodies} on every HTTP connection of the embedded Reactor Netty. */
@Configuration(proxyBeanMethods = false)
class ServerProblemBodies {

  @Bean
  NettyServerCustomizer emptyErrorBodies(ProblemWriter problems) {
    return server ->
        server.doOnChannelInit(
            (observer, channel, remoteAddress) -> {
              var pipeline = channel.pipeline();
              if (pipeline.get(NettyPipeline.HttpCodec) != null) {
                pipeline.addAfter(
                    NettyPipeline.HttpCodec,
                    "polyshop.emptyErrorBodies",
                    new EmptyErrorBodies(problems));
              }
            });
  }
}
