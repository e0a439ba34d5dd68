package dev.polyshop.gateway.search;

import dev.polyshop.gateway.upstream.GrpcChannels;
import dev.polyshop.gateway.upstream.GrpcProperties;
import dev.polyshop.gateway.upstream.GrpcReactive;
import dev.polyshop.search.v1.SearchRequest;
import dev.polyshop.search.v1.SearchResponse;
import dev.polyshop.search.v1.SearchServiceGrpc;
import dev.polyshop.search.v1.SuggestRequest;
import dev.polyshop.search.v1.SuggestResponse;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** search-service over the shared channel; every call gets the configured deadline. */
@Component
class SearchClient {

  private final SearchServiceGrpc.SearchServiceStub stub;
  private final Duration deadline;

  SearchClient(@Qualifier(GrpcChannels.SEARCH) ManagedChannel channel, GrpcProperties properties) {
    this.stub = SearchServiceGrpc.newStub(channel);
    this.deadline = properties.deadline();
  }

  Mono<SearchResponse> search(SearchRequest request, Metadata metadata) {
    return Mono.defer(() -> GrpcReactive.unary(stub(metadata)::search, request));
  }

  Mono<SuggestResponse> suggest(SuggestRequest request, Metadata metadata) {
    return Mono.defer(() -> GrpcReactive.unary(stub(metadata)::suggest, request));
  }

  private SearchServiceGrpc.SearchServiceStub stub(Metadata metadata) {
    return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(metadata))
        .withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS);
  }
}
