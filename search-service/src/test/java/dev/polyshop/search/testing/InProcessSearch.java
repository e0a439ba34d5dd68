package dev.polyshop.search.testing;

import dev.polyshop.catalog.v1.ChangeEvent;
import dev.polyshop.kit.ServingState;
import dev.polyshop.kit.Tracing;
import dev.polyshop.search.index.ProductIndex;
import dev.polyshop.search.system.Config;
import dev.polyshop.search.system.GrpcServerSetup;
import dev.polyshop.search.system.SearchMetrics;
import dev.polyshop.search.v1.SearchRequest;
import dev.polyshop.search.v1.SearchResponse;
import dev.polyshop.search.v1.SearchServiceGrpc;
import dev.polyshop.search.v1.SearchServiceGrpc.SearchServiceBlockingStub;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The production gRPC wiring on an in-process transport over an in-memory index that tests fill
 * with change events directly.
 */
public final class InProcessSearch implements AutoCloseable {

  public final ProductIndex index;
  public final ServingState serving = new ServingState(SearchServiceGrpc.SERVICE_NAME);
  private final ExecutorService executor = Executors.newFixedThreadPool(2);
  private final Server server;
  private final ManagedChannel channel;

  private InProcessSearch(boolean serving) throws Exception {
    this.index = ProductIndex.inMemory();
    if (serving) {
      this.serving.markServing();
    }
    String name = InProcessServerBuilder.generateName();
    Config config = Config.from(Map.of());
    this.server =
        GrpcServerSetup.configure(
                InProcessServerBuilder.forName(name),
                config,
                index,
                this.serving,
                new SearchMetrics(),
                Tracing.OFF,
                executor)
            .build()
            .start();
    this.channel = InProcessChannelBuilder.forName(name).directExecutor().build();
  }

  /** A serving instance holding {@code events}. */
  public static InProcessSearch serving(List<ChangeEvent> events) throws Exception {
    InProcessSearch search = new InProcessSearch(true);
    search.apply(events);
    return search;
  }

  /** A serving instance holding the shared test catalog, for a test class's static field. */
  public static InProcessSearch overTestCatalog() {
    try {
      return serving(CatalogFixtures.catalogEvents());
    } catch (Exception e) {
      throw new IllegalStateException("cannot start the in-process search service", e);
    }
  }

  /** An instance that has not caught up with the feed yet. */
  public static InProcessSearch notServing() throws Exception {
    return new InProcessSearch(false);
  }

  /** Applies events and makes them searchable. */
  public void apply(List<ChangeEvent> events) throws Exception {
    long next = events.stream().mapToLong(ChangeEvent::getPosition).max().orElse(index.cursor());
    index.apply(events, Math.max(next, index.cursor()));
    index.refresh();
  }

  /** A stub whose calls must finish within 5 seconds. */
  public SearchServiceBlockingStub stub() {
    return SearchServiceGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS);
  }

  /** The product ids of every page from {@code first} on, following the next-page tokens. */
  public List<String> walkPages(SearchRequest first) {
    List<String> ids = new ArrayList<>();
    SearchRequest request = first;
    for (int pages = 0; pages < 100; pages++) {
      SearchResponse page = stub().search(request);
      page.getHitsList().forEach(hit -> ids.add(hit.getProduct().getId()));
      if (page.getNextPageToken().isEmpty()) {
        return ids;
      }
      request = request.toBuilder().setPageToken(page.getNextPageToken()).build();
    }
    throw new AssertionError("paging did not end");
  }

  @Override
  public void close() throws Exception {
    channel.shutdownNow();
    server.shutdownNow();
    server.awaitTermination(5, TimeUnit.SECONDS);
    executor.shutdownNow();
    index.close();
  }
}
