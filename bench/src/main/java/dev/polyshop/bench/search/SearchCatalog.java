package dev.polyshop.bench.search;

import dev.polyshop.search.v1.SearchRequest;
import dev.polyshop.search.v1.SearchResponse;
import dev.polyshop.search.v1.SearchServiceGrpc;
import io.grpc.Channel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What the suite asks search-service before loading it: is the catalog indexed, and what is in it.
 */
public final class SearchCatalog {

  private static final long DEADLINE_SECONDS = 10;

  private final Channel channel;

  public SearchCatalog(Channel channel) {
    this.channel = channel;
  }

  /** Products an empty query matches (every searchable product). */
  public long indexed() {
    return search(SearchRequest.newBuilder().setPageSize(1).build()).getTotalHits();
  }

  /** Every product, page by page. */
  public List<Catalog.Item> items() {
    List<Catalog.Item> items = new ArrayList<>();
    String token = "";
    do {
      var page = search(SearchRequest.newBuilder().setPageSize(100).setPageToken(token).build());
      page.getHitsList().stream()
          .map(h -> h.getProduct())
          .map(
              p ->
                  new Catalog.Item(
                      p.getName(), p.getCategory(), p.getBrand(), p.getPrice().getAmountMinor()))
          .forEach(items::add);
      token = page.getNextPageToken();
    } while (!token.isEmpty());
    return items;
  }

  /**
   * The mix with each paged search turned into a request for its second page (the token from a real
   * first page); a paged search whose matches fit on one page is left out.
   */
  public List<SearchQuery> withNextPages(List<SearchQuery> mix) {
    List<SearchQuery> out = new ArrayList<>(mix.size());
    for (SearchQuery q : mix) {
      if (q.kind() != SearchQuery.Kind.PAGED) {
        out.add(q);
        continue;
      }
      String token = search(q.toRequest()).getNextPageToken();
      if (!token.isEmpty()) {
        out.add(q.withPageToken(token));
      }
    }
    return out;
  }

  private SearchResponse search(SearchRequest request) {
    return SearchServiceGrpc.newBlockingStub(channel)
        .withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS)
        .search(request);
  }
}
