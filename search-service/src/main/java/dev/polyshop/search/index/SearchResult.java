package dev.polyshop.search.index;

import dev.polyshop.catalog.v1.Product;
import java.util.List;
import java.util.Optional;

/**
 * One page of hits with the exact total and the facet counts of the whole match set.
 *
 * @param next where this page ended, when another page follows
 */
public record SearchResult(
    List<Hit> hits, long totalHits, List<FacetResult> facets, Optional<SortKey> next) {

  /** A matching product; the score is meaningful only when ordering by relevance. */
  public record Hit(Product product, float score) {}

  /** Counts of one facet dimension ("category", "brand" or "price"). */
  public record FacetResult(String dimension, List<FacetCount> counts) {}

  /** How many matches carry one facet value. */
  public record FacetCount(String value, long count) {}
}
