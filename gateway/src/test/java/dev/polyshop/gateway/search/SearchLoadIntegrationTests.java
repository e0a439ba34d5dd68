package dev.polyshop.gateway.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyshop.gateway.testing.GatewayHarness;
import io.grpc.ManagedChannel;
import java.io.File;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

class SearchLoadIntegrationTests extends GatewayHarness {

  private static final int REQUESTS = 10_000;

  @Autowired private ApplicationContext context;

  @Test
  void tenThousandSearches_leaveFileDescriptorsAndChannelsFlat() {
    Map<String, ManagedChannel> channelsBefore = context.getBeansOfType(ManagedChannel.class);
    var pool = ConnectionProvider.builder("load").maxConnections(16).build();
    var web =
        WebClient.builder()
            .baseUrl(baseUrl())
            .clientConnector(
                new org.springframework.http.client.reactive.ReactorClientHttpConnector(
                    HttpClient.create(pool)))
            .build();
    java.util.function.IntConsumer burst =
        requests ->
            Flux.range(0, requests)
                .flatMap(
                    i -> web.get().uri("/api/search?q=load{i}", i).retrieve().toBodilessEntity(),
                    16)
                .blockLast(Duration.ofMinutes(2));

    burst.accept(1_000); // warm: connection pools, lazily created threads, JIT
    long fdsBefore = openFileDescriptors();
    burst.accept(REQUESTS);
    long fdsAfter = openFileDescriptors();
    pool.dispose();

    assertThat(upstreams.search.calls.get()).isEqualTo(1_000 + REQUESTS);
    assertThat(fdsAfter - fdsBefore).isLessThan(20);
    assertThat(context.getBeansOfType(ManagedChannel.class)).isEqualTo(channelsBefore).hasSize(2);
  }

  private static long openFileDescriptors() {
    String[] fds = new File("/proc/self/fd").list();
    return fds == null ? -1 : fds.length;
  }
}
