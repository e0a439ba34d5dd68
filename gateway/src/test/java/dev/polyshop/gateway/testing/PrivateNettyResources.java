package dev.polyshop.gateway.testing;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * Event loops and connection pool of one's own, for a gateway a test starts and closes itself.
 * Spring Boot's default factory uses Reactor Netty's global resources and disposes them when its
 * context closes, which would stop the servers of every other gateway the test JVM still runs.
 */
@Configuration(proxyBeanMethods = false)
public class PrivateNettyResources {

  @Bean
  ReactorResourceFactory reactorResourceFactory() {
    var factory = new ReactorResourceFactory();
    factory.setUseGlobalResources(false);
    return factory;
  }
}
