package dev.polyshop.bench.search;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What the query mix draws from, taken from the catalog actually served: the words of product names
 * (what users type), the two-word phrases in them, categories, brands and prices.
 *
 * @param words distinct lower-case words of 3+ letters from product names
 * @param phrases distinct pairs of adjacent such words ("gaming laptop")
 * @param prices every product's price in minor units (for realistic price bounds)
 */
public record Catalog(
    List<String> words,
    List<String> phrases,
    List<String> categories,
    List<String> brands,
    List<Long> prices) {

  /** One product as the mix needs it. */
  public record Item(String name, String category, String brand, long priceMinor) {}

  public Catalog {
    if (words.isEmpty() || categories.isEmpty() || brands.isEmpty() || prices.isEmpty()) {
      throw new IllegalArgumentException("the catalog has no products to draw queries from");
    }
    words = List.copyOf(words);
    phrases = List.copyOf(phrases);
    categories = List.copyOf(categories);
    brands = List.copyOf(brands);
    prices = List.copyOf(prices);
  }

  public static Catalog of(List<Item> items) {
    Set<String> words = new LinkedHashSet<>();
    Set<String> phrases = new LinkedHashSet<>();
    Set<String> categories = new LinkedHashSet<>();
    Set<String> brands = new LinkedHashSet<>();
    List<Long> prices = new ArrayList<>();
    for (Item item : items) {
      List<String> nameWords = words(item.name());
      words.addAll(nameWords);
      for (int i = 0; i + 1 < nameWords.size(); i++) {
        phrases.add(nameWords.get(i) + " " + nameWords.get(i + 1));
      }
      categories.add(item.category());
      brands.add(item.brand());
      prices.add(item.priceMinor());
    }
    prices.sort(null);
    return new Catalog(
        List.copyOf(words),
        List.copyOf(phrases),
        List.copyOf(categories),
        List.copyOf(brands),
        prices);
  }

  /** Lower-case runs of 3+ letters: what a user would type of a name ("14\"" and "GB" are not). */
  static List<String> words(String name) {
    List<String> out = new ArrayList<>();
    for (String part : name.toLowerCase(Locale.ROOT).split("[^\\p{L}]+")) {
      if (part.length() >= 3) {
        out.add(part);
      }
    }
    return out;
  }
}
