package dev.polyshop.search.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyshop.search.testing.CatalogFixtures;
import dev.polyshop.search.testing.FakeChangeFeed;
import dev.polyshop.search.testing.RunningSearch;
import dev.polyshop.search.v1.SearchRequest;
import dev.polyshop.search.v1.SearchServiceGrpc;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** grpc.health.v1 follows the index: not serving until caught up, serving, not serving at stop. */
class HealthLifecycleIntegrationTests {

  private static final String SEARCH_SERVICE = SearchServiceGrpc.SERVICE_NAME;

  private FakeChangeFeed feed;
  private RunningSearch running;

  @AfterEach
  void stop() throws Exception {
    if (running != null) {
      running.close();
    }
    feed.close();
  }

  @Test
  void health_isNotServingUntilCaughtUp_thenServing_thenNotServingOnceShutdownBegins()
      throws Exception {
    feed = FakeChangeFeed.start(CatalogFixtures.catalogEvents());
    feed.hold();
    running = RunningSearch.start(feed.url(), Map.of());

    assertThat(running.health("")).isEqualTo(ServingStatus.NOT_SERVING);
    assertThat(running.health(SEARCH_SERVICE)).isEqualTo(ServingStatus.NOT_SERVING);
    assertThatThrownBy(() -> running.search().search(SearchRequest.getDefaultInstance()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));

    feed.release();
    running.awaitServing();
    assertThat(running.health(SEARCH_SERVICE)).isEqualTo(ServingStatus.SERVING);
    assertThat(running.search().search(SearchRequest.getDefaultInstance()).getTotalHits())
        .isEqualTo(8);

    List<ServingStatus> watched = new CopyOnWriteArrayList<>();
    HealthGrpc.newStub(running.channel)
        .watch(HealthCheckRequest.newBuilder().setService(SEARCH_SERVICE).build(), into(watched));
    RunningSearch.await(() -> watched.contains(ServingStatus.SERVING), Duration.ofSeconds(5));

    running.app.close();

    assertThat(watched).containsSubsequence(ServingStatus.SERVING, ServingStatus.NOT_SERVING);
  }

  private static StreamObserver<HealthCheckResponse> into(List<ServingStatus> statuses) {
    return new StreamObserver<>() {
      @Override
      public void onNext(HealthCheckResponse response) {
        statuses.add(response.getStatus());
      }

      @Override
      public void onError(Throwable t) {}

      @Override
      public void onCompleted() {}
    };
  }
}
