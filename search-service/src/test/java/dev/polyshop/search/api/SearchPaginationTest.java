package dev.polyshop.search.api;

import static dev.polyshop.search.testing.CatalogFixtures.product;
import static dev.polyshop.search.testing.CatalogFixtures.upsert;
import static dev.polyshop.search.testing.CatalogFixtures.usd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyshop.catalog.v1.ChangeEvent;
import dev.polyshop.search.testing.InProcessSearch;
import dev.polyshop.search.v1.SearchFilter;
import dev.polyshop.search.v1.SearchRequest;
import dev.polyshop.search.v1.SearchResponse;
import dev.polyshop.search.v1.SortOrder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SearchPaginationTest {

  private static final int PRODUCTS = 53;
  private static InProcessSearch search;

  /** 53 "widget" products sharing only three prices and three create times: many ties. */
  @BeforeAll
  static void start() throws Exception {
    List<ChangeEvent> events =
        IntStream.range(0, PRODUCTS)
            .mapToObj(
                i ->
                    upsert(
                        i + 1,
                        product(String.format("w%02d", (i * 37) % PRODUCTS), "Widget " + i)
                            .setDescription(i % 2 == 0 ? "widget widget" : "widget")
                            .setPrice(usd(1_000 * (1 + i % 3)))
                            .setCreateTime(
                                dev.polyshop.search.testing.CatalogFixtures.at(100 + i % 3))
                            .build()))
            .toList();
    search = InProcessSearch.serving(events);
  }

  @AfterAll
  static void stop() throws Exception {
    search.close();
  }

  @ParameterizedTest
  @EnumSource(
      value = SortOrder.class,
      names = {"UNRECOGNIZED"},
      mode = EnumSource.Mode.EXCLUDE)
  void walkingAllPages_returnsEveryMatchExactlyOnce_inTheSameOrderAsOnePage(SortOrder sort) {
    SearchRequest first =
        SearchRequest.newBuilder().setQuery("widget").setSort(sort).setPageSize(7).build();

    List<String> walked = search.walkPages(first);
    List<String> onePage =
        SearchRelevanceTest.ids(search.stub().search(first.toBuilder().setPageSize(100).build()));

    assertThat(walked).hasSize(PRODUCTS).doesNotHaveDuplicates().isEqualTo(onePage);
  }

  @Test
  void priceOrder_breaksTiesByProductId() {
    List<String> walked =
        search.walkPages(
            SearchRequest.newBuilder()
                .setSort(SortOrder.SORT_ORDER_PRICE_ASC)
                .setFilter(SearchFilter.newBuilder().setMaxPriceMinor(1_000))
                .setPageSize(5)
                .build());

    assertThat(walked).hasSize(18).isSortedAccordingTo(Comparator.naturalOrder());
  }

  @Test
  void everyPage_reportsTheExactTotal_andTheLastPageHasNoToken() {
    SearchRequest request = SearchRequest.newBuilder().setPageSize(50).build();

    SearchResponse first = search.stub().search(request);
    SearchResponse last =
        search.stub().search(request.toBuilder().setPageToken(first.getNextPageToken()).build());

    assertThat(first.getTotalHits()).isEqualTo(PRODUCTS);
    assertThat(last.getTotalHits()).isEqualTo(PRODUCTS);
    assertThat(last.getHitsCount()).isEqualTo(3);
    assertThat(last.getNextPageToken()).isEmpty();
  }

  @Test
  void pageSizeZero_meansTwenty() {
    assertThat(search.stub().search(SearchRequest.getDefaultInstance()).getHitsCount())
        .isEqualTo(20);
  }

  @Test
  void pageToken_fromAnotherQuery_isRejected() {
    String token =
        search
            .stub()
            .search(SearchRequest.newBuilder().setQuery("widget").setPageSize(5).build())
            .getNextPageToken();

    assertThatThrownBy(
            () ->
                search
                    .stub()
                    .search(
                        SearchRequest.newBuilder()
                            .setQuery("widget")
                            .setSort(SortOrder.SORT_ORDER_PRICE_ASC)
                            .setPageSize(5)
                            .setPageToken(token)
                            .build()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
              assertThat(e.getStatus().getDescription()).contains("different query");
            });
  }

  @Test
  void pageToken_keepsWorkingWhenFilterValuesAreReordered() {
    SearchFilter ab = SearchFilter.newBuilder().addBrands("Generic").addBrands("Other").build();
    SearchFilter ba = SearchFilter.newBuilder().addBrands("Other").addBrands("Generic").build();
    String token =
        search
            .stub()
            .search(SearchRequest.newBuilder().setFilter(ab).setPageSize(5).build())
            .getNextPageToken();

    SearchResponse next =
        search
            .stub()
            .search(
                SearchRequest.newBuilder()
                    .setFilter(ba)
                    .setPageSize(5)
                    .setPageToken(token)
                    .build());

    assertThat(next.getHitsCount()).isEqualTo(5);
  }
}
