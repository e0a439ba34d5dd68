package dev.polyshop.bench.suite;

import dev.polyshop.bench.load.GrpcUnaryLoad;
import dev.polyshop.bench.load.LoadGenerator;
import dev.polyshop.bench.search.Catalog;
import dev.polyshop.bench.search.QueryMix;
import dev.polyshop.bench.search.SearchCatalog;
import dev.polyshop.bench.search.SearchQuery;
import dev.polyshop.search.v1.SearchRequest;
import dev.polyshop.search.v1.SearchServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Search on the seeded catalog with a query mix of thousands of distinct searches: directly over
 * gRPC (one channel, as a service client holds), and through the gateway's JSON route. The mix is
 * drawn from the names, categories, brands and prices search-service itself returns, so every word
 * is a real catalog word.
 */
final class SearchRows extends Rows implements AutoCloseable {

  static final String SERVICE = "search-service";
  static final String DIRECT = "search-service (gRPC)";
  static final String VIA_GATEWAY = "gateway→search-service (JSON)";
  static final String SEARCH = "search";

  static final Scenario SCENARIO =
      new Scenario(
          SEARCH,
          "polyshop.search.v1.SearchService/Search",
          "5,000 seeded searches of the 10,000-product catalog: gRPC directly, or /api/search via"
              + " the gateway",
          64,
          64,
          false);

  private final Map<String, Double> reference;
  private @Nullable ManagedChannel channel;
  private @Nullable Duration ready;

  SearchRows(Suite suite, Services services, int rep, Map<String, Double> reference) {
    super(suite, services, rep);
    this.reference = reference;
  }

  /** Starts search-service and waits until it serves the whole catalog. */
  Server start(Server products) throws IOException, InterruptedException {
    Server search = services.searchService(products.port());
    try {
      channel =
          NettyChannelBuilder.forAddress("127.0.0.1", search.port())
              .usePlaintext()
              .directExecutor()
              .build();
      var catalog = new SearchCatalog(channel);
      ready =
          search.awaitReady(
              "serving, with all " + Services.CATALOG_SIZE + " products indexed",
              Duration.ofMinutes(5),
              () ->
                  Server.answers200(search.port2(), "/health")
                      && catalog.indexed() >= Services.CATALOG_SIZE);
      return search;
    } catch (IOException | InterruptedException | RuntimeException e) {
      search.close();
      throw e;
    }
  }

  /** Measures search directly and through {@code gateway}. */
  List<Measurement> run(Server search, Server gateway) throws IOException {
    ManagedChannel channel = Objects.requireNonNull(this.channel, "run() before start()");
    Duration ready = Objects.requireNonNull(this.ready, "run() before start()");
    var catalog = new SearchCatalog(channel);
    List<SearchQuery> mix =
        catalog.withNextPages(
            QueryMix.generate(
                Catalog.of(catalog.items()), QueryMix.SUITE_SEED, QueryMix.SUITE_SIZE));
    List<SearchRequest> requests = mix.stream().map(SearchQuery::toRequest).toList();
    var direct =
        new GrpcUnaryLoad<>(
            List.of(channel),
            SearchServiceGrpc.getSearchMethod(),
            requests,
            Duration.ofSeconds(10));
    List<Measurement> results = new ArrayList<>();
    Measurement first =
        suite.measureScenario(
            rep, DIRECT, direct, SCENARIO, Architecture.pids(search), reference, true);
    results.add(first);
    startups.add(
        Startup.of(rep, SERVICE, ready, first, "ready = serving with the whole catalog indexed"));
    List<String> paths = mix.stream().map(SearchQuery::gatewayPath).toList();
    var via = new LoadGenerator("127.0.0.1", gateway.port(), paths);
    results.add(
        suite.measureScenario(
            rep, VIA_GATEWAY, via, SCENARIO, Architecture.pids(search, gateway), reference, false));
    return results;
  }

  @Override
  public void close() throws InterruptedException {
    if (channel != null) {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  static Map<String, String> descriptions() {
    Map<String, String> d = new LinkedHashMap<>();
    d.put(
        DIRECT,
        "Polyshop's search-service (grpc-java on Netty, Lucene index in memory, following"
            + " product-service's change feed), called over one plaintext HTTP/2 channel; CPU and RSS"
            + " of search-service");
    d.put(
        VIA_GATEWAY,
        "the same searches through the gateway's JSON bridge, GET /api/search over HTTP/1.1"
            + " keep-alive; CPU and RSS of search-service and the gateway");
    return d;
  }
}
