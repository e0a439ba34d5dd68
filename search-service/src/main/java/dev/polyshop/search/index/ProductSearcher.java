package dev.polyshop.search.index;

import dev.polyshop.catalog.v1.Product;
import dev.polyshop.search.index.SearchResult.FacetCount;
import dev.polyshop.search.index.SearchResult.FacetResult;
import dev.polyshop.search.index.SearchResult.Hit;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.util.BytesRef;

/** Runs searches: one page of sorted hits plus exact total and sideways facet counts. */
public final class ProductSearcher {

  /** Most values listed per facet dimension (selected filter values are always listed too). */
  static final int MAX_FACET_VALUES = 20;

  private static final Comparator<FacetCount> MOST_FREQUENT_FIRST =
      Comparator.comparingLong(FacetCount::count).reversed().thenComparing(FacetCount::value);

  private final ProductIndex index;

  public ProductSearcher(ProductIndex index) {
    this.index = index;
  }

  /**
   * Searches one point-in-time view of the index.
   *
   * @param cancelled polled while collecting; once true the search stops
   * @throws CancellationException when {@code cancelled} turned true
   * @throws UnsupportedQueryException when the text has too many terms
   */
  public SearchResult search(SearchQuery query, BooleanSupplier cancelled) throws IOException {
    Query text = Filters.base(query);
    // One more than a page tells whether another page follows.
    int wanted = query.pageSize() + 1;
    return index.withReader(
        reader -> {
          Sort sort = Sorts.of(query.order(), query.hasText(), allIdsUuids(reader));
          FieldDoc after = query.after().map(key -> Sorts.after(sort, key)).orElse(null);
          IndexSearcher searcher = searcher(reader, cancelled);
          // The text's typo expansions are looked up once, for both passes.
          Query base = searcher.rewrite(text);
          Query hits = Filters.all(base, query);
          TopFieldDocs top =
              searcher.search(hits, new TopFieldCollectorManager(sort, wanted, after, wanted));
          stopIfCancelled(searcher, cancelled);
          FacetCounter.Counts counts = searcher.search(base, new FacetCounter(query));
          stopIfCancelled(searcher, cancelled);
          int size = Math.min(query.pageSize(), top.scoreDocs.length);
          List<Hit> page = new ArrayList<>(size);
          for (int i = 0; i < size; i++) {
            FieldDoc hit = (FieldDoc) top.scoreDocs[i];
            page.add(new Hit(product(reader, hit.doc), Sorts.scoreOf(sort, hit)));
          }
          Optional<SortKey> next =
              top.scoreDocs.length > size
                  ? Optional.of(Sorts.keyOf(sort, (FieldDoc) top.scoreDocs[size - 1]))
                  : Optional.empty();
          return new SearchResult(page, counts.hits(), facets(counts, query), next);
        });
  }

  /**
   * Whether every document's id is a UUID, so the numeric tie-breaker applies. Where none is
   * another kind of id (every id product-service issues), no segment has the field: a lookup per
   * segment, no postings read.
   */
  static boolean allIdsUuids(IndexReader reader) throws IOException {
    return reader.docFreq(new Term(ProductDocuments.ID_FORM, ProductDocuments.OTHER_ID)) == 0;
  }

  /** A searcher of its own per call, so its timeout (cancellation) affects no other call. */
  static IndexSearcher searcher(IndexReader reader, BooleanSupplier cancelled) {
    IndexSearcher searcher = new IndexSearcher(reader);
    searcher.setTimeout(cancelled::getAsBoolean);
    return searcher;
  }

  static void stopIfCancelled(IndexSearcher searcher, BooleanSupplier cancelled) {
    if (searcher.timedOut() || cancelled.getAsBoolean()) {
      throw new CancellationException("the caller cancelled the search");
    }
  }

  /** The product indexed as document {@code doc} of {@code reader}. */
  static Product product(IndexReader reader, int doc) throws IOException {
    LeafReaderContext leaf = reader.leaves().get(ReaderUtil.subIndex(doc, reader.leaves()));
    BinaryDocValues sources = DocValues.getBinary(leaf.reader(), ProductDocuments.SOURCE);
    if (!sources.advanceExact(doc - leaf.docBase)) {
      throw new IllegalStateException("document " + doc + " has no product source");
    }
    BytesRef source = sources.binaryValue();
    return Product.parseFrom(ByteBuffer.wrap(source.bytes, source.offset, source.length));
  }

  private static List<FacetResult> facets(FacetCounter.Counts counts, SearchQuery query) {
    List<FacetCount> prices = new ArrayList<>();
    for (int bucket = 0; bucket < PriceBuckets.count(); bucket++) {
      if (counts.priceBuckets()[bucket] > 0) {
        prices.add(new FacetCount(PriceBuckets.label(bucket), counts.priceBuckets()[bucket]));
      }
    }
    return List.of(
        new FacetResult("category", top(counts.categories(), query.categories())),
        new FacetResult("brand", top(counts.brands(), query.brands())),
        new FacetResult(PriceBuckets.DIMENSION, prices));
  }

  private static List<FacetCount> top(Map<String, Long> counts, Set<String> selected) {
    List<FacetCount> all =
        counts.entrySet().stream()
            .map(e -> new FacetCount(e.getKey(), e.getValue()))
            .sorted(MOST_FREQUENT_FIRST)
            .toList();
    List<FacetCount> shown =
        new ArrayList<>(all.subList(0, Math.min(MAX_FACET_VALUES, all.size())));
    for (String value : selected) {
      if (shown.stream().noneMatch(c -> c.value().equals(value))) {
        shown.add(new FacetCount(value, counts.getOrDefault(value, 0L)));
      }
    }
    shown.sort(MOST_FREQUENT_FIRST);
    return shown;
  }
}
