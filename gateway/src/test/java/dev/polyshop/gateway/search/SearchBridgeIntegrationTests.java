package dev.polyshop.gateway.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyshop.gateway.testing.GatewayHarness;
import dev.polyshop.gateway.upstream.GrpcChannels;
import dev.polyshop.search.v1.SearchRequest;
import dev.polyshop.search.v1.SortOrder;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.MediaType;
import org.springframework.test.util.ReflectionTestUtils;

class SearchBridgeIntegrationTests extends GatewayHarness {

  @Autowired
  @Qualifier(GrpcChannels.SEARCH)
  ManagedChannel searchChannel;

  @Autowired SearchClient searchClient;

  private static final String TRACEPARENT =
      "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

  @Test
  void getSearch_mapsEveryQueryParameter_ontoTheSearchRequest() {
    client
        .get()
        .uri(
            "/api/search?q=phone&category=audio,video&category=tv&brand=acme&minPrice=100"
                + "&maxPrice=5000&inStock=true&sort=price_asc&pageSize=30&pageToken=tok")
        .header("X-Request-Id", "search-1")
        .header("traceparent", TRACEPARENT)
        .exchange()
        .expectStatus()
        .isOk();

    SearchRequest seen = upstreams.search.lastSearch.get();
    assertThat(seen.getQuery()).isEqualTo("phone");
    assertThat(seen.getFilter().getCategoriesList()).containsExactly("audio", "video", "tv");
    assertThat(seen.getFilter().getBrandsList()).containsExactly("acme");
    assertThat(seen.getFilter().getMinPriceMinor()).isEqualTo(100);
    assertThat(seen.getFilter().getMaxPriceMinor()).isEqualTo(5000);
    assertThat(seen.getFilter().getInStockOnly()).isTrue();
    assertThat(seen.getSort()).isEqualTo(SortOrder.SORT_ORDER_PRICE_ASC);
    assertThat(seen.getPageSize()).isEqualTo(30);
    assertThat(seen.getPageToken()).isEqualTo("tok");
    Metadata headers = upstreams.lastGrpcHeaders.get();
    assertThat(headers.get(Metadata.Key.of("x-request-id", Metadata.ASCII_STRING_MARSHALLER)))
        .isEqualTo("search-1");
    assertThat(headers.get(Metadata.Key.of("traceparent", Metadata.ASCII_STRING_MARSHALLER)))
        .isEqualTo(TRACEPARENT);
  }

  @Test
  void getSearch_withoutPrices_leavesThemUnset() {
    client.get().uri("/api/search?q=x").exchange().expectStatus().isOk();

    SearchRequest seen = upstreams.search.lastSearch.get();
    assertThat(seen.getFilter().hasMinPriceMinor()).isFalse();
    assertThat(seen.getFilter().hasMaxPriceMinor()).isFalse();
  }

  @Test
  void search_answersProto3Json() {
    client
        .get()
        .uri("/api/search?q=p9")
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .contentType(MediaType.APPLICATION_JSON)
        .expectBody()
        .jsonPath("$.totalHits")
        .isEqualTo("1")
        .jsonPath("$.hits[0].product.id")
        .isEqualTo("p9")
        .jsonPath("$.nextPageToken")
        .isEqualTo("next-p9");
  }

  @Test
  void postSearch_withJsonSearchRequest_isPassedOn() {
    client
        .post()
        .uri("/api/search")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(
            "{\"query\":\"lamp\",\"filter\":{\"brands\":[\"ikea\"],\"minPriceMinor\":\"5\"},"
                + "\"sort\":\"SORT_ORDER_NEWEST\",\"pageSize\":5}")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.hits[0].product.id")
        .isEqualTo("lamp");

    SearchRequest seen = upstreams.search.lastSearch.get();
    assertThat(seen.getFilter().getBrandsList()).containsExactly("ikea");
    assertThat(seen.getFilter().getMinPriceMinor()).isEqualTo(5);
    assertThat(seen.getSort()).isEqualTo(SortOrder.SORT_ORDER_NEWEST);
    assertThat(seen.getPageSize()).isEqualTo(5);
  }

  @Test
  void postSearch_withUnknownField_isBadRequestProblem_andNeverSent() {
    client
        .post()
        .uri("/api/search")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"query\":\"lamp\",\"colour\":\"red\"}")
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON);

    assertThat(upstreams.search.calls.get()).isZero();
  }

  @Test
  void malformedQueryParameter_isBadRequestProblem_andNeverSent() {
    client
        .get()
        .uri("/api/search?q=x&minPrice=cheap")
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.detail")
        .value(detail -> assertThat((String) detail).contains("minPrice"));

    assertThat(upstreams.search.calls.get()).isZero();
  }

  @Test
  void suggest_mapsPrefixAndLimit() {
    client
        .get()
        .uri("/api/suggest?prefix=iph&limit=5")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.suggestions[0].text")
        .isEqualTo("iphphone");

    assertThat(upstreams.search.lastSuggest.get().getPrefix()).isEqualTo("iph");
    assertThat(upstreams.search.lastSuggest.get().getLimit()).isEqualTo(5);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "INVALID_ARGUMENT, 400",
    "NOT_FOUND, 404",
    "RESOURCE_EXHAUSTED, 429",
    "UNAVAILABLE, 503",
    "DEADLINE_EXCEEDED, 504",
    "INTERNAL, 502",
    "UNKNOWN, 502",
    "UNIMPLEMENTED, 502"
  })
  void grpcStatus_isMappedToHttpProblem_withTheStatusDescription(String code, int http) {
    client
        .get()
        .uri("/api/search?q=status:" + code)
        .exchange()
        .expectStatus()
        .isEqualTo(http)
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo(http)
        .jsonPath("$.detail")
        .isEqualTo("fake says " + code);
  }

  @Test
  void upstreamSlowerThanDeadline_isGatewayTimeoutProblem() {
    long started = System.nanoTime();
    client
        .get()
        .uri("/api/search?q=slow")
        .exchange()
        .expectStatus()
        .isEqualTo(504)
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON);

    assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(1_200);
  }

  @Test
  void theBridgeUsesTheOneSharedChannel() {
    Object stub = ReflectionTestUtils.getField(searchClient, "stub");

    assertThat(ReflectionTestUtils.getField(stub, "channel")).isSameAs(searchChannel);
    assertThat(searchChannel.isShutdown()).isFalse();
  }
}
