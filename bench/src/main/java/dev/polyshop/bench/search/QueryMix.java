package dev.polyshop.bench.search;

import dev.polyshop.bench.search.SearchQuery.Kind;
import dev.polyshop.search.v1.SortOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A seeded mix of distinct searches over real catalog words, in shares that resemble a shop's
 * search box: mostly one or two words, some with filters or another sort, some next pages, some
 * typos. Paged searches come out as first pages; the suite fills in each one's next-page token from
 * a real answer.
 */
public final class QueryMix {

  /** The seed and size of the mix the suite measures (and {@code search-load} replays). */
  public static final long SUITE_SEED = 20_251_202L;

  public static final int SUITE_SIZE = 5_000;

  /** Kinds with their share of the mix, in percent. */
  static final Map<Kind, Integer> SHARES =
      new LinkedHashMap<>(
          Map.of(
              Kind.ONE_WORD, 30,
              Kind.TWO_WORD, 20,
              Kind.FILTERED, 15,
              Kind.SORTED, 10,
              Kind.PAGED, 10,
              Kind.TYPO, 15));

  private static final List<Integer> PAGE_SIZES = List.of(10, 20, 20, 20, 40);
  private static final List<SortOrder> SORTS =
      List.of(
          SortOrder.SORT_ORDER_PRICE_ASC,
          SortOrder.SORT_ORDER_PRICE_DESC,
          SortOrder.SORT_ORDER_NEWEST);

  private QueryMix() {}

  /**
   * {@code count} searches, each kind at its share, in random order; the same for the same catalog
   * and seed. Within a kind, searches are drawn at random, so popular ones repeat (as in a real
   * search box: there are only so many one-word queries) while the whole mix holds thousands of
   * distinct searches on a catalog the size of the demo catalog.
   */
  public static List<SearchQuery> generate(Catalog catalog, long seed, int count) {
    var random = new SplittableRandom(seed);
    List<SearchQuery> mix = new ArrayList<>(count);
    int wanted = 0;
    for (var share : SHARES.entrySet()) {
      wanted = Math.min(count, wanted + Math.round(count * share.getValue() / 100f));
      while (mix.size() < wanted) {
        mix.add(one(catalog, random, share.getKey()));
      }
    }
    while (mix.size() < count) {
      mix.add(one(catalog, random, Kind.FILTERED));
    }
    // Interleave kinds and subjects, as live traffic does, rather than send them in creation order.
    for (int i = mix.size() - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      mix.set(i, mix.set(j, mix.get(i)));
    }
    return mix;
  }

  private static SearchQuery one(Catalog c, SplittableRandom r, Kind kind) {
    int pageSize = pick(r, PAGE_SIZES);
    String word = pick(r, c.words());
    return switch (kind) {
      case ONE_WORD -> plain(kind, word, pageSize);
      case TWO_WORD -> plain(kind, c.phrases().isEmpty() ? word : pick(r, c.phrases()), pageSize);
      case FILTERED -> filtered(c, r, word, pageSize);
      case SORTED -> sorted(kind, word, pick(r, SORTS), pageSize);
      case PAGED -> sorted(kind, word, SortOrder.SORT_ORDER_RELEVANCE, pageSize);
      case TYPO -> plain(kind, misspelt(c, r), pageSize);
    };
  }

  private static SearchQuery plain(Kind kind, String text, int pageSize) {
    return sorted(kind, text, SortOrder.SORT_ORDER_UNSPECIFIED, pageSize);
  }

  private static SearchQuery sorted(Kind kind, String text, SortOrder sort, int pageSize) {
    return new SearchQuery(kind, text, List.of(), List.of(), 0, 0, false, sort, pageSize, "");
  }

  /** A word with a category or a brand (or both), a price band around real prices, maybe stock. */
  private static SearchQuery filtered(Catalog c, SplittableRandom r, String word, int pageSize) {
    int what = r.nextInt(3);
    List<String> categories = what != 1 ? List.of(pick(r, c.categories())) : List.of();
    List<String> brands = what != 0 ? List.of(pick(r, c.brands())) : List.of();
    long low = 0;
    long high = 0;
    if (r.nextBoolean()) {
      long a = pick(r, c.prices());
      long b = pick(r, c.prices());
      // Round to whole currency units, as a price slider would.
      low = Math.min(a, b) / 100 * 100;
      high = (Math.max(a, b) / 100 + 1) * 100;
    }
    String text = r.nextInt(4) == 0 ? "" : word;
    return new SearchQuery(
        Kind.FILTERED,
        text,
        categories,
        brands,
        low,
        high,
        r.nextInt(3) == 0,
        SortOrder.SORT_ORDER_UNSPECIFIED,
        pageSize,
        "");
  }

  /** A typo of a catalog word that is not itself a catalog word ("laptops" → "laptop" is not). */
  private static String misspelt(Catalog c, SplittableRandom r) {
    String typo = typo(r, longWord(c, r));
    for (int i = 0; i < 20 && c.words().contains(typo); i++) {
      typo = typo(r, longWord(c, r));
    }
    return typo;
  }

  private static String longWord(Catalog c, SplittableRandom r) {
    for (int i = 0; i < 100; i++) {
      String w = pick(r, c.words());
      if (w.length() >= 5) {
        return w;
      }
    }
    return pick(r, c.words());
  }

  /**
   * One edit the index tolerates (words of 5+ letters, first letter kept): a swap of two adjacent
   * letters, a dropped letter, or a replaced one.
   */
  static String typo(SplittableRandom r, String word) {
    if (word.length() < 5) {
      return word;
    }
    int at = 1 + r.nextInt(word.length() - 2);
    char[] w = word.toCharArray();
    String dropped = word.substring(0, at) + word.substring(at + 1);
    return switch (r.nextInt(3)) {
      case 0 -> {
        char t = w[at];
        w[at] = w[at + 1];
        w[at + 1] = t;
        // Swapping two equal letters changes nothing: drop one instead.
        yield t == w[at] ? dropped : new String(w);
      }
      case 1 -> dropped;
      default -> {
        char replaced = (char) ('a' + r.nextInt(26));
        w[at] = replaced == w[at] ? (char) ('a' + (replaced - 'a' + 1) % 26) : replaced;
        yield new String(w);
      }
    };
  }

  private static <T> T pick(SplittableRandom r, List<T> from) {
    return from.get(r.nextInt(from.size()));
  }
}
