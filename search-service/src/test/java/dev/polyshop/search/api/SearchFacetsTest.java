package dev.polyshop.search.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyshop.search.testing.InProcessSearch;
import dev.polyshop.search.v1.Facet;
import dev.polyshop.search.v1.SearchFilter;
import dev.polyshop.search.v1.SearchRequest;
import dev.polyshop.search.v1.SearchResponse;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

class SearchFacetsTest {

  @AutoClose private static final InProcessSearch search = InProcessSearch.overTestCatalog();

  @Test
  void facets_withoutFilters_countTheWholeMatchSet() {
    SearchResponse response = search.stub().search(SearchRequest.getDefaultInstance());

    assertThat(response.getFacetsList())
        .extracting(Facet::getName)
        .containsExactly("category", "brand", "price");
    assertThat(values(response, "category"))
        .containsExactly("accessories=3", "laptops=3", "audio=1", "monitors=1");
    assertThat(values(response, "brand")).containsExactly("Acme=3", "Zephyr=3", "Keyco=2");
    assertThat(values(response, "price"))
        .containsExactly("<25=1", "25-50=1", "50-100=2", "100-500=2", "500+=2");
  }

  @Test
  void facets_eachDimensionIgnoresItsOwnFilter_butAppliesTheOthers() {
    SearchFilter filter =
        SearchFilter.newBuilder().addCategories("laptops").addBrands("Acme").build();

    SearchResponse response =
        search.stub().search(SearchRequest.newBuilder().setFilter(filter).build());

    assertThat(response.getTotalHits()).isEqualTo(2);
    // Acme products by category (the category filter is ignored here).
    assertThat(values(response, "category")).containsExactly("laptops=2", "accessories=1");
    // Laptops by brand (the brand filter is ignored here).
    assertThat(values(response, "brand")).containsExactly("Acme=2", "Zephyr=1");
    // Both filters apply to the price buckets.
    assertThat(values(response, "price")).containsExactly("100-500=1", "500+=1");
  }

  @Test
  void facets_respectThePriceFilterInOtherDimensions_andTextAndStock() {
    SearchFilter filter =
        SearchFilter.newBuilder().setMaxPriceMinor(9_999).setInStockOnly(true).build();

    SearchResponse response =
        search.stub().search(SearchRequest.newBuilder().setFilter(filter).build());

    assertThat(response.getTotalHits()).isEqualTo(3);
    assertThat(values(response, "category")).containsExactly("accessories=2", "audio=1");
    // The price facet ignores the price filter but keeps in-stock.
    assertThat(values(response, "price"))
        .containsExactly("<25=1", "50-100=2", "100-500=2", "500+=1");
  }

  @Test
  void facets_listASelectedValueEvenWhenNothingElseMatchesIt() {
    SearchFilter filter = SearchFilter.newBuilder().addBrands("Nobody").build();

    SearchResponse response =
        search.stub().search(SearchRequest.newBuilder().setFilter(filter).build());

    assertThat(response.getTotalHits()).isZero();
    assertThat(values(response, "brand")).contains("Nobody=0");
  }

  private static List<String> values(SearchResponse response, String dimension) {
    Map<String, Facet> facets =
        response.getFacetsList().stream().collect(Collectors.toMap(Facet::getName, f -> f));
    return facets.get(dimension).getValuesList().stream()
        .map(v -> v.getValue() + "=" + v.getCount())
        .toList();
  }
}
