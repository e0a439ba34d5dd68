package dev.polyshop.search.api;

import static dev.polyshop.search.api.SearchRelevanceTest.ids;
import static org.assertj.core.api.Assertions.assertThat;

import dev.polyshop.search.testing.InProcessSearch;
import dev.polyshop.search.v1.SearchFilter;
import dev.polyshop.search.v1.SearchRequest;
import dev.polyshop.search.v1.SearchResponse;
import dev.polyshop.search.v1.SortOrder;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

class SearchFiltersAndSortsTest {

  @AutoClose private static final InProcessSearch search = InProcessSearch.overTestCatalog();

  @Test
  void categoryFilter_keepsOnlyThatCategory() {
    assertThat(ids(search(SearchFilter.newBuilder().addCategories("laptops"))))
        .containsExactlyInAnyOrder("lap-pro", "lap-game", "lap-cheap");
  }

  @Test
  void brandFilter_withSeveralBrands_keepsAnyOfThem() {
    assertThat(ids(search(SearchFilter.newBuilder().addBrands("Acme").addBrands("Keyco"))))
        .containsExactlyInAnyOrder("lap-pro", "lap-cheap", "sleeve", "keyboard", "headset");
  }

  @Test
  void filters_matchValuesExactly() {
    assertThat(ids(search(SearchFilter.newBuilder().addBrands("acme")))).isEmpty();
  }

  @Test
  void priceRange_isInclusiveOnBothEnds() {
    SearchFilter.Builder range =
        SearchFilter.newBuilder().setMinPriceMinor(2_999).setMaxPriceMinor(8_900);

    assertThat(ids(search(range))).containsExactlyInAnyOrder("mouse", "headset", "keyboard");
  }

  @Test
  void priceRange_withOnlyOneBound() {
    assertThat(ids(search(SearchFilter.newBuilder().setMinPriceMinor(100_000))))
        .containsExactlyInAnyOrder("lap-pro", "lap-game");
    assertThat(ids(search(SearchFilter.newBuilder().setMaxPriceMinor(2_999))))
        .containsExactlyInAnyOrder("sleeve", "mouse");
  }

  @Test
  void inStockOnly_dropsProductsWithoutStock() {
    assertThat(ids(search(SearchFilter.newBuilder().setInStockOnly(true))))
        .hasSize(6)
        .doesNotContain("lap-game", "mouse");
  }

  @Test
  void filters_combineWithAnd_andWithText() {
    SearchRequest request =
        SearchRequest.newBuilder()
            .setQuery("laptop")
            .setFilter(SearchFilter.newBuilder().addBrands("Acme").setInStockOnly(true))
            .build();

    assertThat(ids(search.stub().search(request)))
        .containsExactlyInAnyOrder("lap-pro", "sleeve", "lap-cheap");
  }

  @Test
  void sortPriceAscending_cheapestFirst() {
    assertThat(ids(sorted(SortOrder.SORT_ORDER_PRICE_ASC)))
        .containsExactly(
            "sleeve",
            "mouse",
            "headset",
            "keyboard",
            "monitor",
            "lap-cheap",
            "lap-pro",
            "lap-game");
  }

  @Test
  void sortPriceDescending_mostExpensiveFirst() {
    assertThat(ids(sorted(SortOrder.SORT_ORDER_PRICE_DESC)))
        .containsExactly(
            "lap-game",
            "lap-pro",
            "lap-cheap",
            "monitor",
            "keyboard",
            "headset",
            "mouse",
            "sleeve");
  }

  @Test
  void sortNewest_mostRecentlyCreatedFirst() {
    assertThat(ids(sorted(SortOrder.SORT_ORDER_NEWEST)))
        .containsExactly(
            "headset",
            "monitor",
            "keyboard",
            "mouse",
            "sleeve",
            "lap-cheap",
            "lap-game",
            "lap-pro");
  }

  @Test
  void sortByPrice_appliesToTextMatchesToo() {
    SearchRequest request =
        SearchRequest.newBuilder()
            .setQuery("laptop")
            .setSort(SortOrder.SORT_ORDER_PRICE_ASC)
            .build();

    SearchResponse response = search.stub().search(request);

    assertThat(ids(response)).containsExactly("sleeve", "lap-cheap", "lap-pro", "lap-game");
    assertThat(response.getHits(0).getScore()).isZero();
  }

  private static SearchResponse search(SearchFilter.Builder filter) {
    return search.stub().search(SearchRequest.newBuilder().setFilter(filter).build());
  }

  private static SearchResponse sorted(SortOrder order) {
    return search.stub().search(SearchRequest.newBuilder().setSort(order).build());
  }
}
