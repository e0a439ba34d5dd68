package dev.polyshop.bench.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.polyshop.bench.search.SearchQuery.Kind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class QueryMixTest {

  private static final List<String> MODELS =
      List.of(
          "Lenovo ThinkBook",
          "Dell Inspiron",
          "HP Envy",
          "Asus ZenBook",
          "Samsung Galaxy",
          "Google Pixel",
          "Sony WH",
          "Bose QuietComfort",
          "Sennheiser Momentum",
          "Garmin Forerunner",
          "Casio G-Shock",
          "Nike Pegasus",
          "Hoka Clifton",
          "DeLonghi Magnifica",
          "Osprey Daylite");
  private static final List<String> KINDS =
      List.of(
          "14\" Laptop",
          "Wireless Headphones",
          "Noise-Cancelling Earbuds",
          "GPS Running Watch",
          "Trail Running Shoe",
          "Espresso Machine",
          "Laptop Backpack",
          "Automatic Watch");
  private static final List<String> EDITIONS = List.of("", " Pro", " Plus", " Lite", " Max");

  private final Catalog catalog = catalog(2_000);

  @Test
  void generate_givesThousandsOfDistinctSearches() {
    List<SearchQuery> mix = QueryMix.generate(catalog, 1, 5_000);

    assertThat(mix).hasSize(5_000);
    assertThat(mix.stream().map(SearchQuery::gatewayPath).distinct().count()).isGreaterThan(2_000);
  }

  @Test
  void generate_isTheSameForTheSameSeed_andDiffersForAnother() {
    assertThat(QueryMix.generate(catalog, 7, 500)).isEqualTo(QueryMix.generate(catalog, 7, 500));
    assertThat(QueryMix.generate(catalog, 7, 500)).isNotEqualTo(QueryMix.generate(catalog, 8, 500));
  }

  @Test
  void generate_hasEveryKindNearItsShare() {
    List<SearchQuery> mix = QueryMix.generate(catalog, 3, 3_000);
    Map<Kind, Long> counts =
        mix.stream().collect(Collectors.groupingBy(SearchQuery::kind, Collectors.counting()));

    QueryMix.SHARES.forEach(
        (kind, percent) ->
            assertThat(counts.getOrDefault(kind, 0L) * 100.0 / mix.size())
                .as(kind.name())
                .isBetween(percent - 0.1, percent + 0.1));
  }

  @Test
  void generate_interleavesKinds() {
    List<SearchQuery> first = QueryMix.generate(catalog, 3, 3_000).subList(0, 100);

    assertThat(first.stream().map(SearchQuery::kind).distinct()).hasSize(Kind.values().length);
  }

  @Test
  void generate_usesCatalogWords_andRealFilterValues() {
    var words = new HashSet<>(catalog.words());
    for (SearchQuery q : QueryMix.generate(catalog, 5, 2_000)) {
      switch (q.kind()) {
        case ONE_WORD, SORTED, PAGED -> assertThat(words).contains(q.text());
        case TWO_WORD -> assertThat(catalog.phrases()).contains(q.text());
        case FILTERED -> {
          assertThat(catalog.categories()).containsAll(q.categories());
          assertThat(catalog.brands()).containsAll(q.brands());
          assertThat(q.categories().size() + q.brands().size()).isPositive();
          assertThat(q.minPrice()).isLessThanOrEqualTo(q.maxPrice());
        }
        case TYPO -> assertThat(words).doesNotContain(q.text());
      }
      if (q.kind() == Kind.SORTED) {
        assertThat(q.sort().getNumber()).isGreaterThan(1);
      }
    }
  }

  @Test
  void typo_isOneToleratedEditAwayFromTheWord_keepingTheFirstLetter() {
    var random = new SplittableRandom(11);
    for (int i = 0; i < 2_000; i++) {
      String word = List.of("laptop", "headphones", "coffee", "espresso", "running").get(i % 5);
      String typo = QueryMix.typo(random, word);

      assertThat(typo).isNotEqualTo(word);
      assertThat(typo.charAt(0)).isEqualTo(word.charAt(0));
      assertThat(editDistance(word, typo)).as(word + " → " + typo).isEqualTo(1);
    }
  }

  @Test
  void catalog_takesWordsOfThreeOrMoreLetters_andAdjacentPairs() {
    var c = Catalog.of(List.of(new Catalog.Item("Dell XPS 13\" Ultrabook", "laptops", "Dell", 1)));

    assertThat(c.words()).containsExactly("dell", "xps", "ultrabook");
    assertThat(c.phrases()).containsExactly("dell xps", "xps ultrabook");
  }

  /** Levenshtein distance with adjacent transpositions counted as one edit. */
  private static int editDistance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      for (int j = 0; j <= b.length(); j++) {
        if (i == 0 || j == 0) {
          d[i][j] = i + j;
          continue;
        }
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }

  /** Names shaped like the demo catalog's: brand, line, model number, edition, kind. */
  private static Catalog catalog(int products) {
    var random = new SplittableRandom(42);
    List<Catalog.Item> items = new ArrayList<>();
    for (int n = 0; n < products; n++) {
      String model = MODELS.get(random.nextInt(MODELS.size()));
      String name =
          model
              + " "
              + (100 + random.nextInt(900))
              + EDITIONS.get(random.nextInt(EDITIONS.size()))
              + " "
              + KINDS.get(random.nextInt(KINDS.size()));
      String category = List.of("laptops", "headphones", "watches").get(n % 3);
      items.add(new Catalog.Item(name, category, model.split(" ")[0], 1_000 + n * 137L));
    }
    return Catalog.of(items);
  }
}
