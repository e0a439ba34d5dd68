package dev.polyshop.search.index;

import java.util.Set;
import java.util.stream.Collectors;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

/** Builds the filtered queries of a search: the facet base and the full match set. */
final class Filters {

  private Filters() {}

  /** Text and the filters that are not facets (live, in stock): the set facets are counted over. */
  static Query base(SearchQuery query) {
    BooleanQuery.Builder base = new BooleanQuery.Builder();
    if (query.hasText()) {
      base.add(TextQueries.of(query.text()), Occur.MUST);
    }
    base.add(live(), Occur.FILTER);
    if (query.inStockOnly()) {
      base.add(new TermQuery(new Term(ProductDocuments.IN_STOCK, "true")), Occur.FILTER);
    }
    return base.build();
  }

  /** The base narrowed by every facet filter: the hits. */
  static Query all(Query base, SearchQuery query) {
    BooleanQuery.Builder all = new BooleanQuery.Builder().add(base, Occur.MUST);
    if (!query.categories().isEmpty()) {
      all.add(anyOf(ProductDocuments.CATEGORY, query.categories()), Occur.FILTER);
    }
    if (!query.brands().isEmpty()) {
      all.add(anyOf(ProductDocuments.BRAND, query.brands()), Occur.FILTER);
    }
    if (query.minPriceMinor().isPresent() || query.maxPriceMinor().isPresent()) {
      all.add(
          LongPoint.newRangeQuery(
              ProductDocuments.PRICE,
              query.minPriceMinor().orElse(Long.MIN_VALUE),
              query.maxPriceMinor().orElse(Long.MAX_VALUE)),
          Occur.FILTER);
    }
    return all.build();
  }

  /** Products only, never tombstones. */
  static Query live() {
    return new TermQuery(new Term(ProductDocuments.STATE, ProductDocuments.LIVE));
  }

  private static Query anyOf(String field, Set<String> values) {
    return new TermInSetQuery(
        field, values.stream().map(BytesRef::new).collect(Collectors.toUnmodifiableSet()));
  }
}
