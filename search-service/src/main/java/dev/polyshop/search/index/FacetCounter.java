package dev.polyshop.search.index;

import java.io.IOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.FixedBitSet;
import org.jspecify.annotations.Nullable;

/**
 * Counts facets with drill-sideways semantics in one pass over the facet base (text, live, in
 * stock): each document is checked against the category, brand and price filters, and counts
 * towards a dimension when it passes the filters of the <em>other</em> dimensions. Documents
 * passing all three are the hits, counted exactly.
 */
final class FacetCounter implements CollectorManager<FacetCounter.Counting, FacetCounter.Counts> {

  /** Exact number of hits and the sideways counts of each dimension. */
  record Counts(
      long hits, Map<String, Long> categories, Map<String, Long> brands, long[] priceBuckets) {}

  private final Set<String> categories;
  private final Set<String> brands;
  private final long minPrice;
  private final long maxPrice;

  FacetCounter(SearchQuery query) {
    this.categories = query.categories();
    this.brands = query.brands();
    this.minPrice = query.minPriceMinor().orElse(Long.MIN_VALUE);
    this.maxPrice = query.maxPriceMinor().orElse(Long.MAX_VALUE);
  }

  @Override
  public Counting newCollector() {
    return new Counting();
  }

  @Override
  public Counts reduce(Collection<Counting> collectors) {
    long hits = 0;
    Map<String, Long> categoryCounts = new HashMap<>();
    Map<String, Long> brandCounts = new HashMap<>();
    long[] priceCounts = new long[PriceBuckets.count()];
    for (Counting c : collectors) {
      hits += c.hits;
      c.categories.forEach((value, n) -> categoryCounts.merge(value, n, Long::sum));
      c.brands.forEach((value, n) -> brandCounts.merge(value, n, Long::sum));
      for (int i = 0; i < priceCounts.length; i++) {
        priceCounts[i] += c.priceBuckets[i];
      }
    }
    return new Counts(hits, categoryCounts, brandCounts, priceCounts);
  }

  /** Counts of one slice of the index. */
  final class Counting implements Collector {
    private long hits;
    private final Map<String, Long> categories = new HashMap<>();
    private final Map<String, Long> brands = new HashMap<>();
    private final long[] priceBuckets = new long[PriceBuckets.count()];

    @Override
    public LeafCollector getLeafCollector(LeafReaderContext context) throws IOException {
      return new LeafCounting(this, context.reader());
    }

    @Override
    public ScoreMode scoreMode() {
      return ScoreMode.COMPLETE_NO_SCORES;
    }
  }

  /** Counts by ordinal within one segment, folded into values when the segment is done. */
  private final class LeafCounting implements LeafCollector {
    private final Counting into;
    private final SortedDocValues category;
    private final SortedDocValues brand;
    private final NumericDocValues price;
    private final @Nullable FixedBitSet acceptedCategories;
    private final @Nullable FixedBitSet acceptedBrands;
    private final long[] categoryCounts;
    private final long[] brandCounts;

    LeafCounting(Counting into, LeafReader reader) throws IOException {
      this.into = into;
      this.category = DocValues.getSorted(reader, ProductDocuments.CATEGORY);
      this.brand = DocValues.getSorted(reader, ProductDocuments.BRAND);
      this.price = DocValues.getNumeric(reader, ProductDocuments.PRICE);
      this.acceptedCategories = accepted(category, categories);
      this.acceptedBrands = accepted(brand, brands);
      this.categoryCounts = new long[category.getValueCount()];
      this.brandCounts = new long[brand.getValueCount()];
    }

    @Override
    public void setScorer(Scorable scorer) {}

    @Override
    public void collect(int doc) throws IOException {
      int categoryOrd = category.advanceExact(doc) ? category.ordValue() : -1;
      int brandOrd = brand.advanceExact(doc) ? brand.ordValue() : -1;
      long amount = price.advanceExact(doc) ? price.longValue() : -1;
      boolean categoryOk = passes(acceptedCategories, categoryOrd);
      boolean brandOk = passes(acceptedBrands, brandOrd);
      boolean priceOk = amount >= minPrice && amount <= maxPrice;
      if (categoryOk && brandOk && priceOk) {
        into.hits++;
      }
      if (brandOk && priceOk && categoryOrd >= 0) {
        categoryCounts[categoryOrd]++;
      }
      if (categoryOk && priceOk && brandOrd >= 0) {
        brandCounts[brandOrd]++;
      }
      if (categoryOk && brandOk && amount >= 0) {
        into.priceBuckets[PriceBuckets.bucketOf(amount)]++;
      }
    }

    @Override
    public void finish() throws IOException {
      fold(category, categoryCounts, into.categories);
      fold(brand, brandCounts, into.brands);
    }
  }

  /** The ordinals of the filter's values in this segment; null when the filter is off. */
  private static @Nullable FixedBitSet accepted(SortedDocValues values, Set<String> filter)
      throws IOException {
    if (filter.isEmpty()) {
      return null;
    }
    FixedBitSet accepted = new FixedBitSet(Math.max(1, values.getValueCount()));
    for (String value : filter) {
      int ord = values.lookupTerm(new BytesRef(value));
      if (ord >= 0) {
        accepted.set(ord);
      }
    }
    return accepted;
  }

  private static boolean passes(@Nullable FixedBitSet accepted, int ord) {
    return accepted == null || (ord >= 0 && accepted.get(ord));
  }

  private static void fold(SortedDocValues values, long[] counts, Map<String, Long> into)
      throws IOException {
    for (int ord = 0; ord < counts.length; ord++) {
      if (counts[ord] > 0) {
        into.merge(values.lookupOrd(ord).utf8ToString(), counts[ord], Long::sum);
      }
    }
  }
}
