package dev.polyshop.search.api;

import static dev.polyshop.search.testing.CatalogFixtures.at;
import static dev.polyshop.search.testing.CatalogFixtures.product;
import static dev.polyshop.search.testing.CatalogFixtures.upsert;
import static dev.polyshop.search.testing.CatalogFixtures.usd;
import static org.assertj.core.api.Assertions.assertThat;

import dev.polyshop.catalog.v1.ChangeEvent;
import dev.polyshop.search.testing.InProcessSearch;
import dev.polyshop.search.v1.SearchRequest;
import dev.polyshop.search.v1.SortOrder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Ties broken by UUID ids, as product-service issues them: the numeric tie-breaker must order them
 * exactly as their strings, on every page. The same catalog plus one product with another kind of
 * id (which switches search to the string tie-breaker) must page in the same order.
 */
class SearchUuidOrderTest {

  private static final int PRODUCTS = 61;
  private static InProcessSearch uuids;
  private static InProcessSearch mixed;

  @BeforeAll
  static void start() throws Exception {
    var random = new SplittableRandom(7);
    List<ChangeEvent> events =
        IntStream.range(0, PRODUCTS)
            .mapToObj(
                i ->
                    upsert(
                        i + 1,
                        product(uuid(random, i).toString(), "Gadget " + i)
                            .setDescription(i % 2 == 0 ? "gadget gadget" : "gadget")
                            .setPrice(usd(1_000 * (1 + i % 3)))
                            .setCreateTime(at(100 + i % 2))
                            .build()))
            .toList();
    uuids = InProcessSearch.serving(events);
    List<ChangeEvent> withOther = new ArrayList<>(events);
    withOther.add(upsert(PRODUCTS + 1, product("not-a-uuid", "Lamp").build()));
    mixed = InProcessSearch.serving(withOther);
  }

  /**
   * Random UUIDs, some with the top bit of a half set and some sharing their first half, which the
   * sign-flipped halves must still order as strings do.
   */
  private static UUID uuid(SplittableRandom random, int i) {
    long high = i % 5 == 0 ? 0x8000_0000_0000_0000L | i / 5 : random.nextLong();
    return new UUID(i % 7 == 0 ? 0x7fff_ffff_ffff_ffffL : high, random.nextLong());
  }

  @AfterAll
  static void stop() throws Exception {
    uuids.close();
    mixed.close();
  }

  @ParameterizedTest
  @EnumSource(
      value = SortOrder.class,
      names = {"UNRECOGNIZED"},
      mode = EnumSource.Mode.EXCLUDE)
  void pages_breakTiesByTheIdsString_withOrWithoutAnIdOfAnotherKind(SortOrder sort) {
    SearchRequest first =
        SearchRequest.newBuilder().setQuery("gadget").setSort(sort).setPageSize(4).build();

    List<String> walked = uuids.walkPages(first);

    assertThat(walked).hasSize(PRODUCTS).doesNotHaveDuplicates().isEqualTo(mixed.walkPages(first));
    if (sort == SortOrder.SORT_ORDER_PRICE_ASC) {
      for (int price = 1; price <= 3; price++) {
        List<String> tied = ofPrice(uuids, walked, price * 1_000L);
        assertThat(tied).hasSizeGreaterThan(10).isSortedAccordingTo(Comparator.naturalOrder());
      }
    }
  }

  private static List<String> ofPrice(InProcessSearch search, List<String> ids, long price) {
    var all =
        search
            .stub()
            .search(SearchRequest.newBuilder().setQuery("gadget").setPageSize(100).build())
            .getHitsList();
    return ids.stream()
        .filter(
            id ->
                all.stream()
                    .anyMatch(
                        h ->
                            h.getProduct().getId().equals(id)
                                && h.getProduct().getPrice().getAmountMinor() == price))
        .toList();
  }
}
