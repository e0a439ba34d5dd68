package dev.polyshop.search.system;

import static dev.polyshop.search.testing.CatalogFixtures.delete;
import static dev.polyshop.search.testing.CatalogFixtures.product;
import static dev.polyshop.search.testing.CatalogFixtures.upsert;
import static org.assertj.core.api.Assertions.assertThat;

import dev.polyshop.search.testing.CatalogFixtures;
import dev.polyshop.search.testing.FakeChangeFeed;
import dev.polyshop.search.testing.RunningSearch;
import dev.polyshop.search.v1.SearchRequest;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The application following a fake change feed over real HTTP. */
class FeedFollowingIntegrationTests {

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
  void change_becomesSearchableWithinOneSecond() throws Exception {
    feed = FakeChangeFeed.start(CatalogFixtures.catalogEvents());
    running = RunningSearch.start(feed.url(), Map.of());
    running.awaitServing();
    assertThat(total("")).isEqualTo(8);

    feed.append(upsert(100, product("kettle", "Electric Kettle").build()));
    Duration added = RunningSearch.await(() -> total("kettle") == 1, Duration.ofSeconds(5));
    feed.append(delete(101, "kettle", 1));
    Duration deleted = RunningSearch.await(() -> total("kettle") == 0, Duration.ofSeconds(5));

    assertThat(added).isLessThan(Duration.ofSeconds(1));
    assertThat(deleted).isLessThan(Duration.ofSeconds(1));
  }

  @Test
  void restart_withIndexDirectory_resumesFromTheStoredCursor(@TempDir Path dir) throws Exception {
    feed = FakeChangeFeed.start(CatalogFixtures.catalogEvents());
    Map<String, String> onDisk = Map.of("SEARCH_INDEX_DIR", dir.toString());
    running = RunningSearch.start(feed.url(), onDisk);
    running.awaitServing();
    running.close();
    running = null;
    // Changes while it was down: one new product, one delete.
    feed.append(upsert(17, product("kettle", "Electric Kettle").build()), delete(19, "mouse", 1));
    int requestsBefore = feed.requestedAfter().size();

    running = RunningSearch.start(feed.url(), onDisk);
    running.awaitServing();

    assertThat(feed.requestedAfter().get(requestsBefore)).isEqualTo(16L);
    assertThat(total("")).isEqualTo(8);
    assertThat(total("kettle")).isEqualTo(1);
    assertThat(total("mouse")).isZero();
  }

  @Test
  void feedReset_dropsTheIndexAndRebuildsFromZero() throws Exception {
    feed = FakeChangeFeed.start(CatalogFixtures.catalogEvents());
    running = RunningSearch.start(feed.url(), Map.of());
    running.awaitServing();

    // Compaction purged the tombstone of a product deleted since: the cursor cannot resume.
    feed.goneOnNextResume();
    feed.replaceLog(List.of(upsert(40, product("kettle", "Electric Kettle").build())));
    feed.append(upsert(41, product("toaster", "Toaster").build()));

    RunningSearch.await(() -> totalWhenServing("") == 2, Duration.ofSeconds(10));
    assertThat(Collections.frequency(feed.requestedAfter(), 0L)).isEqualTo(2);
    assertThat(total("laptop")).isZero();
  }

  @Test
  void productServiceDown_keepsServingTheLastIndex() throws Exception {
    feed = FakeChangeFeed.start(CatalogFixtures.catalogEvents());
    running = RunningSearch.start(feed.url(), Map.of());
    running.awaitServing();

    feed.setDown(true);
    Thread.sleep(1_500);

    assertThat(running.health("")).isEqualTo(ServingStatus.SERVING);
    assertThat(total("laptop")).isEqualTo(4);
  }

  /** The total, or -1 while the replica is not serving (rebuilding). */
  private long totalWhenServing(String query) {
    try {
      return total(query);
    } catch (StatusRuntimeException e) {
      return -1;
    }
  }

  private long total(String query) {
    return running
        .search()
        .search(SearchRequest.newBuilder().setQuery(query).build())
        .getTotalHits();
  }
}
