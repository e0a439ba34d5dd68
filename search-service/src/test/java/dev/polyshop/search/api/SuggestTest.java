package dev.polyshop.search.api;

import static dev.polyshop.search.testing.CatalogFixtures.delete;
import static dev.polyshop.search.testing.CatalogFixtures.product;
import static dev.polyshop.search.testing.CatalogFixtures.upsert;
import static org.assertj.core.api.Assertions.assertThat;

import dev.polyshop.search.testing.CatalogFixtures;
import dev.polyshop.search.testing.InProcessSearch;
import dev.polyshop.search.v1.SuggestRequest;
import dev.polyshop.search.v1.SuggestResponse;
import dev.polyshop.search.v1.Suggestion;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SuggestTest {

  private InProcessSearch search;

  @BeforeEach
  void start() throws Exception {
    search = InProcessSearch.serving(CatalogFixtures.catalogEvents());
  }

  @AfterEach
  void stop() throws Exception {
    search.close();
  }

  @Test
  void suggest_completesTheStartOfAnyNameWord_namesStartingWithItFirst_thenNewest() {
    assertThat(texts(suggest("lap", 0)))
        .containsExactly("Laptop Sleeve", "Gaming Laptop 17", "UltraBook Pro 14 Laptop");
  }

  @Test
  void suggest_matchesNamesOnly_notDescriptions() {
    // "gaming" is also in the keyboard's description.
    assertThat(texts(suggest("gam", 0))).containsExactly("Gaming Headset", "Gaming Laptop 17");
  }

  @Test
  void suggest_everyTypedWordMustStartANameWord_caseInsensitively() {
    assertThat(texts(suggest("GAMING la", 0))).containsExactly("Gaming Laptop 17");
  }

  @Test
  void suggest_returnsTheProductIds() {
    assertThat(suggest("wire", 0).getSuggestionsList())
        .containsExactly(
            Suggestion.newBuilder().setText("Wireless Mouse").setProductId("mouse").build());
  }

  @Test
  void suggest_honoursTheLimit() {
    assertThat(suggest("lap", 2).getSuggestionsCount()).isEqualTo(2);
  }

  @Test
  void suggest_defaultLimitIsEight_andEqualNamesAreSuggestedOnce() throws Exception {
    for (int i = 0; i < 12; i++) {
      search.apply(List.of(upsert(100 + i, product("lamp" + i, "Lamp " + i).build())));
    }
    search.apply(List.of(upsert(200, product("lamp-copy", "Lamp 3").build())));

    List<String> texts = texts(suggest("lamp", 0));

    assertThat(texts).hasSize(8).doesNotHaveDuplicates();
  }

  @Test
  void suggest_followsRenamesAndDeletes() throws Exception {
    search.apply(
        List.of(
            upsert(100, product("mouse", "Silent Mouse").setVersion(2).build()),
            delete(101, "headset", 1)));

    assertThat(texts(suggest("wire", 0))).isEmpty();
    assertThat(texts(suggest("sil", 0))).containsExactly("Silent Mouse");
    assertThat(texts(suggest("gam", 0))).containsExactly("Gaming Laptop 17");
  }

  @Test
  void suggest_inputWithoutWords_suggestsNothing() {
    assertThat(suggest("?!", 0).getSuggestionsList()).isEmpty();
  }

  private SuggestResponse suggest(String prefix, int limit) {
    return search
        .stub()
        .suggest(SuggestRequest.newBuilder().setPrefix(prefix).setLimit(limit).build());
  }

  private static List<String> texts(SuggestResponse response) {
    return response.getSuggestionsList().stream().map(Suggestion::getText).toList();
  }
}
