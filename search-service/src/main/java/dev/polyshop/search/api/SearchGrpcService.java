package dev.polyshop.search.api;

import dev.polyshop.search.api.SearchRequests.ParsedSearch;
import dev.polyshop.search.api.SearchRequests.ParsedSuggest;
import dev.polyshop.search.index.ProductSearcher;
import dev.polyshop.search.index.ProductSuggester;
import dev.polyshop.search.index.SearchResult;
import dev.polyshop.search.v1.Facet;
import dev.polyshop.search.v1.FacetValue;
import dev.polyshop.search.v1.SearchHit;
import dev.polyshop.search.v1.SearchRequest;
import dev.polyshop.search.v1.SearchResponse;
import dev.polyshop.search.v1.SearchServiceGrpc;
import dev.polyshop.search.v1.SuggestRequest;
import dev.polyshop.search.v1.SuggestResponse;
import dev.polyshop.search.v1.Suggestion;
import io.grpc.Context;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/** {@code polyshop.search.v1.SearchService}: validates, searches the index, maps the result. */
public final class SearchGrpcService extends SearchServiceGrpc.SearchServiceImplBase {

  private final ProductSearcher searcher;
  private final ProductSuggester suggester;
  private final SearchRequests requests;
  private final BooleanSupplier serving;

  /**
   * @param serving whether the index may answer (caught up with the feed, not shutting down)
   */
  public SearchGrpcService(
      ProductSearcher searcher,
      ProductSuggester suggester,
      ApiLimits limits,
      BooleanSupplier serving) {
    this.searcher = searcher;
    this.suggester = suggester;
    this.requests = new SearchRequests(limits);
    this.serving = serving;
  }

  @Override
  public void search(SearchRequest request, StreamObserver<SearchResponse> response) {
    respond(
        response,
        cancelled -> {
          ParsedSearch parsed = requests.parseSearch(request);
          SearchResult result = searcher.search(parsed.query(), cancelled);
          return toResponse(result, parsed.fingerprint());
        });
  }

  @Override
  public void suggest(SuggestRequest request, StreamObserver<SuggestResponse> response) {
    respond(
        response,
        cancelled -> {
          ParsedSuggest parsed = requests.parseSuggest(request);
          SuggestResponse.Builder out = SuggestResponse.newBuilder();
          for (var suggestion : suggester.suggest(parsed.prefix(), parsed.limit(), cancelled)) {
            out.addSuggestions(
                Suggestion.newBuilder()
                    .setText(suggestion.text())
                    .setProductId(suggestion.productId()));
          }
          return out.build();
        });
  }

  /** Work of one call, handed a check that turns true once the caller is gone. */
  @FunctionalInterface
  private interface CallWork<T> {
    T run(BooleanSupplier cancelled) throws Exception;
  }

  private <T> void respond(StreamObserver<T> response, CallWork<T> work) {
    Context context = Context.current();
    try {
      if (context.isCancelled()) {
        throw new CancellationException("cancelled before it started");
      }
      if (!serving.getAsBoolean()) {
        throw new NotServingException();
      }
      T result = work.run(context::isCancelled);
      response.onNext(result);
      response.onCompleted();
    } catch (Exception e) {
      response.onError(SearchErrors.MAPPING.toException(e));
    }
  }

  private static SearchResponse toResponse(SearchResult result, byte[] fingerprint) {
    SearchResponse.Builder out = SearchResponse.newBuilder().setTotalHits(result.totalHits());
    for (SearchResult.Hit hit : result.hits()) {
      out.addHits(SearchHit.newBuilder().setProduct(hit.product()).setScore(hit.score()));
    }
    for (SearchResult.FacetResult facet : result.facets()) {
      Facet.Builder dimension = out.addFacetsBuilder().setName(facet.dimension());
      for (SearchResult.FacetCount count : facet.counts()) {
        dimension.addValues(
            FacetValue.newBuilder().setValue(count.value()).setCount(count.count()));
      }
    }
    result.next().ifPresent(key -> out.setNextPageToken(PageTokens.encode(key, fingerprint)));
    return out.build();
  }
}
