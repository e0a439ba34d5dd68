package dev.polyshop.gateway.testing;

import dev.polyshop.catalog.v1.Product;
import dev.polyshop.search.v1.SearchHit;
import dev.polyshop.search.v1.SearchRequest;
import dev.polyshop.search.v1.SearchResponse;
import dev.polyshop.search.v1.SearchServiceGrpc;
import dev.polyshop.search.v1.SuggestRequest;
import dev.polyshop.search.v1.SuggestResponse;
import dev.polyshop.search.v1.Suggestion;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * search-service double. The query steers it: {@code status:CODE} fails with that code, {@code
 * slow} answers after 1.5 s; anything else returns one hit whose product id is the query.
 */
public final class FakeSearchService extends SearchServiceGrpc.SearchServiceImplBase {

  public final AtomicReference<SearchRequest> lastSearch = new AtomicReference<>();
  public final AtomicReference<SuggestRequest> lastSuggest = new AtomicReference<>();
  public final AtomicInteger calls = new AtomicInteger();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

  public void reset() {
    lastSearch.set(null);
    lastSuggest.set(null);
    calls.set(0);
  }

  @Override
  public void search(SearchRequest request, StreamObserver<SearchResponse> responses) {
    calls.incrementAndGet();
    lastSearch.set(request);
    String query = request.getQuery();
    if (query.startsWith("status:")) {
      Status.Code code = Status.Code.valueOf(query.substring("status:".length()));
      responses.onError(
          code.toStatus().withDescription("fake says " + code.name()).asRuntimeException());
      return;
    }
    var response =
        SearchResponse.newBuilder()
            .setTotalHits(1)
            .addHits(
                SearchHit.newBuilder()
                    .setScore(1.5f)
                    .setProduct(Product.newBuilder().setId(query).setName("Product " + query)))
            .setNextPageToken("next-" + query)
            .build();
    if (query.equals("slow")) {
      var call = (ServerCallStreamObserver<SearchResponse>) responses;
      timer.schedule(
          () -> {
            if (!call.isCancelled()) {
              responses.onNext(response);
              responses.onCompleted();
            }
          },
          1500,
          TimeUnit.MILLISECONDS);
      return;
    }
    responses.onNext(response);
    responses.onCompleted();
  }

  @Override
  public void suggest(SuggestRequest request, StreamObserver<SuggestResponse> responses) {
    calls.incrementAndGet();
    lastSuggest.set(request);
    responses.onNext(
        SuggestResponse.newBuilder()
            .addSuggestions(
                Suggestion.newBuilder().setText(request.getPrefix() + "phone").setProductId("p1"))
            .build());
    responses.onCompleted();
  }
}
