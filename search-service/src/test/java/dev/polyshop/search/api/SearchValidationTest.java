package dev.polyshop.search.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyshop.search.testing.InProcessSearch;
import dev.polyshop.search.v1.SearchFilter;
import dev.polyshop.search.v1.SearchRequest;
import dev.polyshop.search.v1.SuggestRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.Collections;
import java.util.stream.Stream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SearchValidationTest {

  @AutoClose private static final InProcessSearch search = InProcessSearch.overTestCatalog();

  static Stream<Arguments> invalidSearches() {
    return Stream.of(
        bad("query is 257 characters", r -> r.setQuery("x".repeat(257))),
        bad("page_size must be between 1 and 100", r -> r.setPageSize(101)),
        bad("page_size must be between 1 and 100", r -> r.setPageSize(-1)),
        bad("sort has unknown value 99", r -> r.setSortValue(99)),
        bad(
            "filter.min_price_minor must not be negative",
            r -> r.setFilter(SearchFilter.newBuilder().setMinPriceMinor(-1))),
        bad(
            "filter.max_price_minor must not be negative",
            r -> r.setFilter(SearchFilter.newBuilder().setMaxPriceMinor(-5))),
        bad(
            "filter.min_price_minor (500) is greater than filter.max_price_minor (100)",
            r ->
                r.setFilter(SearchFilter.newBuilder().setMinPriceMinor(500).setMaxPriceMinor(100))),
        bad(
            "filter.categories has 51 values; at most 50",
            r ->
                r.setFilter(
                    SearchFilter.newBuilder().addAllCategories(Collections.nCopies(51, "c")))),
        bad(
            "filter.brands[1] is empty",
            r -> r.setFilter(SearchFilter.newBuilder().addBrands("a").addBrands(""))),
        bad("page_token is malformed", r -> r.setPageToken("not a token!")),
        bad("page_token is malformed", r -> r.setPageToken("AQID")),
        bad(
            "query has 11 distinct terms; at most 10",
            r -> r.setQuery("one two three four five six seven eight nine ten eleven")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidSearches")
  void search_invalidRequest_isInvalidArgumentWithAUsefulMessage(
      String message, SearchRequest request) {
    assertInvalid(() -> search.stub().search(request), message);
  }

  @Test
  void suggest_emptyPrefix_isInvalidArgument() {
    assertInvalid(() -> suggest("  ", 0), "prefix must not be empty");
  }

  @Test
  void suggest_oversizePrefix_isInvalidArgument() {
    assertInvalid(() -> suggest("p".repeat(65), 0), "prefix is 65 characters; at most 64");
  }

  @Test
  void suggest_limitAboveTwenty_isInvalidArgument() {
    assertInvalid(() -> suggest("lap", 21), "limit must be between 1 and 20");
  }

  @Test
  void calls_beforeTheIndexCaughtUp_areUnavailable() throws Exception {
    try (InProcessSearch starting = InProcessSearch.notServing()) {
      assertThatThrownBy(() -> starting.stub().search(SearchRequest.getDefaultInstance()))
          .isInstanceOfSatisfying(
              StatusRuntimeException.class,
              e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
      assertThatThrownBy(
              () -> starting.stub().suggest(SuggestRequest.newBuilder().setPrefix("a").build()))
          .isInstanceOfSatisfying(
              StatusRuntimeException.class,
              e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
    }
  }

  private static Object suggest(String prefix, int limit) {
    return search
        .stub()
        .suggest(SuggestRequest.newBuilder().setPrefix(prefix).setLimit(limit).build());
  }

  private static void assertInvalid(Executable call, String message) {
    assertThatThrownBy(call::execute)
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
              assertThat(e.getStatus().getDescription()).contains(message);
            });
  }

  private static Arguments bad(
      String message, java.util.function.UnaryOperator<SearchRequest.Builder> change) {
    return Arguments.of(message, change.apply(SearchRequest.newBuilder()).build());
  }
}
