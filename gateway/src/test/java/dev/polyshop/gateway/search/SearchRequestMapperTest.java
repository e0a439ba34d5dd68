package dev.polyshop.gateway.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyshop.gateway.problem.ProblemException;
import dev.polyshop.search.v1.SortOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.HttpStatus;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.util.UriComponentsBuilder;

class SearchRequestMapperTest {

  private static LinkedMultiValueMap<String, String> query(String query) {
    return new LinkedMultiValueMap<>(
        UriComponentsBuilder.fromUriString("/api/search?" + query).build().getQueryParams());
  }

  @Test
  void noParameters_isMatchAllWithDefaults() {
    var request = SearchRequestMapper.search(query(""));

    assertThat(request.getQuery()).isEmpty();
    assertThat(request.getSort()).isEqualTo(SortOrder.SORT_ORDER_UNSPECIFIED);
    assertThat(request.getPageSize()).isZero();
    assertThat(request.getFilter().hasMinPriceMinor()).isFalse();
    assertThat(request.getFilter().getInStockOnly()).isFalse();
  }

  @ParameterizedTest
  @CsvSource({
    "relevance, SORT_ORDER_RELEVANCE",
    "price_asc, SORT_ORDER_PRICE_ASC",
    "price-desc, SORT_ORDER_PRICE_DESC",
    "NEWEST, SORT_ORDER_NEWEST",
    "SORT_ORDER_NEWEST, SORT_ORDER_NEWEST"
  })
  void sortNames_mapToSortOrders(String name, SortOrder expected) {
    assertThat(SearchRequestMapper.search(query("sort=" + name)).getSort()).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({
    "minPrice=ten",
    "maxPrice=1.5",
    "pageSize=99999999999",
    "inStock=maybe",
    "sort=cheapest"
  })
  void malformedParameter_isBadRequestNamingIt(String parameter) {
    String name = parameter.substring(0, parameter.indexOf('='));

    assertThatThrownBy(() -> SearchRequestMapper.search(query(parameter)))
        .isInstanceOfSatisfying(
            ProblemException.class,
            e -> {
              assertThat(e.problem().status()).isEqualTo(HttpStatus.BAD_REQUEST);
              assertThat(e.problem().detail()).contains(name);
            });
  }

  @Test
  void suggest_mapsPrefixAndLimit() {
    var request = SearchRequestMapper.suggest(query("prefix=lam&limit=3"));

    assertThat(request.getPrefix()).isEqualTo("lam");
    assertThat(request.getLimit()).isEqualTo(3);
  }
}
