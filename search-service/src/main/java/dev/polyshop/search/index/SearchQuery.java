package dev.polyshop.search.index;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A validated search: free text, filters, order and one page.
 *
 * @param text free text; blank matches every product
 * @param categories keep products in any of these categories; empty keeps all
 * @param brands keep products of any of these brands; empty keeps all
 * @param minPriceMinor lowest price kept, inclusive
 * @param maxPriceMinor highest price kept, inclusive
 * @param pageSize hits per page
 * @param after where the previous page ended; empty for the first page
 */
public record SearchQuery(
    String text,
    Set<String> categories,
    Set<String> brands,
    OptionalLong minPriceMinor,
    OptionalLong maxPriceMinor,
    boolean inStockOnly,
    ResultOrder order,
    int pageSize,
    Optional<SortKey> after) {

  public SearchQuery {
    categories = Set.copyOf(categories);
    brands = Set.copyOf(brands);
    if (pageSize < 1) {
      throw new IllegalArgumentException("pageSize must be positive: " + pageSize);
    }
  }

  boolean hasText() {
    return !text.isBlank();
  }
}
