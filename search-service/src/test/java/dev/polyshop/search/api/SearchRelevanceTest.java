package dev.polyshop.search.api;

import static dev.polyshop.search.testing.CatalogFixtures.product;
import static dev.polyshop.search.testing.CatalogFixtures.upsert;
import static org.assertj.core.api.Assertions.assertThat;

import dev.polyshop.search.testing.CatalogFixtures;
import dev.polyshop.search.testing.InProcessSearch;
import dev.polyshop.search.v1.SearchHit;
import dev.polyshop.search.v1.SearchRequest;
import dev.polyshop.search.v1.SearchResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SearchRelevanceTest {

  private InProcessSearch search;

  @AfterEach
  void stop() throws Exception {
    search.close();
  }

  @Test
  void search_nameMatchesRankAboveDescriptionOnlyMatches() throws Exception {
    search = InProcessSearch.serving(CatalogFixtures.catalogEvents());

    List<String> ids = ids(search("laptop"));

    assertThat(ids).hasSize(4);
    assertThat(ids.subList(0, 3)).containsExactlyInAnyOrder("lap-pro", "lap-game", "sleeve");
    assertThat(ids.get(3)).isEqualTo("lap-cheap");
  }

  @Test
  void search_scoresDescendWithRelevance() throws Exception {
    search = InProcessSearch.serving(CatalogFixtures.catalogEvents());

    List<Float> scores = search("laptop").getHitsList().stream().map(SearchHit::getScore).toList();

    assertThat(scores).isSortedAccordingTo((a, b) -> Float.compare(b, a));
    assertThat(scores.getFirst()).isGreaterThan(scores.getLast());
  }

  @Test
  void search_stemsEnglish_soPluralsMatchSingulars() throws Exception {
    search = InProcessSearch.serving(CatalogFixtures.catalogEvents());

    assertThat(ids(search("keyboards"))).containsExactly("keyboard");
  }

  @Test
  void search_everyTermMustMatch() throws Exception {
    search = InProcessSearch.serving(CatalogFixtures.catalogEvents());

    assertThat(ids(search("gaming laptop"))).containsExactly("lap-game");
  }

  @Test
  void search_toleratesATypoInALongerTerm() throws Exception {
    search = InProcessSearch.serving(CatalogFixtures.catalogEvents());

    assertThat(ids(search("lapotp"))).contains("lap-pro", "lap-game", "sleeve", "lap-cheap");
    assertThat(ids(search("wireles mouse"))).containsExactly("mouse");
  }

  @Test
  void search_shortTermsMustMatchExactly() throws Exception {
    search = InProcessSearch.serving(CatalogFixtures.catalogEvents());

    // "muse" is 4 characters: too short for typo tolerance, so it does not find "mouse".
    assertThat(ids(search("muse"))).isEmpty();
  }

  @Test
  void search_exactMatchOutranksTypoMatch() throws Exception {
    search =
        InProcessSearch.serving(
            List.of(
                upsert(1, product("typo", "Brass lanterm").build()),
                upsert(2, product("exact", "Brass lantern").build())));

    assertThat(ids(search("lantern"))).containsExactly("exact", "typo");
    assertThat(ids(search("lanterm"))).containsExactly("typo", "exact");
  }

  @Test
  void search_withoutText_matchesEverythingNewestFirst() throws Exception {
    search = InProcessSearch.serving(CatalogFixtures.catalogEvents());

    SearchResponse all = search.stub().search(SearchRequest.newBuilder().build());

    assertThat(all.getTotalHits()).isEqualTo(8);
    assertThat(ids(all).getFirst()).isEqualTo("headset");
    assertThat(ids(all).getLast()).isEqualTo("lap-pro");
  }

  @Test
  void search_onlyStopWords_matchesNothing() throws Exception {
    search = InProcessSearch.serving(CatalogFixtures.catalogEvents());

    assertThat(search("the and").getTotalHits()).isZero();
  }

  @Test
  void search_returnsTheIndexedProductSnapshot() throws Exception {
    search = InProcessSearch.serving(CatalogFixtures.catalogEvents());

    SearchHit hit = search("monitor").getHits(0);

    assertThat(hit.getProduct()).isEqualTo(CatalogFixtures.catalog().get(6));
  }

  private SearchResponse search(String text) {
    return search.stub().search(SearchRequest.newBuilder().setQuery(text).build());
  }

  static List<String> ids(SearchResponse response) {
    return response.getHitsList().stream().map(hit -> hit.getProduct().getId()).toList();
  }
}
