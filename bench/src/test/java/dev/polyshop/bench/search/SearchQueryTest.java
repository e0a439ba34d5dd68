package dev.polyshop.bench.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyshop.search.v1.SortOrder;
import java.util.List;
import org.junit.jupiter.api.Test;

class SearchQueryTest {

  private final SearchQuery query =
      new SearchQuery(
          SearchQuery.Kind.FILTERED,
          "noise cancelling",
          List.of("headphones"),
          List.of("Bose", "The North Face"),
          2_500,
          50_000,
          true,
          SortOrder.SORT_ORDER_PRICE_DESC,
          20,
          "");

  @Test
  void gatewayPath_carriesEveryFieldAsTheGatewaysQueryParameters_percentEncoded() {
    assertThat(query.withPageToken("a_b-c=").gatewayPath())
        .isEqualTo(
            "/api/search?q=noise%20cancelling&category=headphones&brand=Bose&brand=The%20North%20Face"
                + "&minPrice=2500&maxPrice=50000&inStock=true&sort=price_desc&pageSize=20"
                + "&pageToken=a_b-c%3D");
  }

  @Test
  void toRequest_carriesTheSameSearch() {
    var request = query.withPageToken("t").toRequest();

    assertThat(request.getQuery()).isEqualTo("noise cancelling");
    assertThat(request.getFilter().getCategoriesList()).containsExactly("headphones");
    assertThat(request.getFilter().getBrandsList()).containsExactly("Bose", "The North Face");
    assertThat(request.getFilter().getMinPriceMinor()).isEqualTo(2_500);
    assertThat(request.getFilter().getMaxPriceMinor()).isEqualTo(50_000);
    assertThat(request.getFilter().getInStockOnly()).isTrue();
    assertThat(request.getSort()).isEqualTo(SortOrder.SORT_ORDER_PRICE_DESC);
    assertThat(request.getPageSize()).isEqualTo(20);
    assertThat(request.getPageToken()).isEqualTo("t");
  }

  @Test
  void gatewayPath_leavesOutWhatIsNotSet() {
    var plain =
        new SearchQuery(
            SearchQuery.Kind.ONE_WORD,
            "laptop",
            List.of(),
            List.of(),
            0,
            0,
            false,
            SortOrder.SORT_ORDER_UNSPECIFIED,
            10,
            "");

    assertThat(plain.gatewayPath()).isEqualTo("/api/search?q=laptop&pageSize=10");
  }
}
