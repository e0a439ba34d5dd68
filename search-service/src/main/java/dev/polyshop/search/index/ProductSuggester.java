package dev.polyshop.search.index;

import dev.polyshop.catalog.v1.Product;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.jspecify.annotations.Nullable;

/**
 * Completes typed prefixes to product names from the same near-real-time index as searches, so
 * suggestions follow updates and deletes within the refresh interval.
 *
 * <p>Every typed word must begin a word of the name (edge n-grams, no stemming); names that begin
 * with the typed text come first, then newer products. Equal names are suggested once.
 */
public final class ProductSuggester {

  /** A suggestion of a product name and the product it names. */
  public record Suggestion(String text, String productId) {}

  private static final float STARTS_WITH_BOOST = 10f;
  private static final Sort BEST_FIRST =
      new Sort(
          SortField.FIELD_SCORE,
          new SortField(ProductDocuments.CREATED, SortField.Type.LONG, true),
          new SortField(ProductDocuments.ID, SortField.Type.STRING));

  private final ProductIndex index;

  public ProductSuggester(ProductIndex index) {
    this.index = index;
  }

  /** Up to {@code limit} distinct names completing {@code prefix}, best first. */
  public List<Suggestion> suggest(String prefix, int limit, BooleanSupplier cancelled)
      throws IOException {
    Query query = query(prefix);
    if (query == null) {
      return List.of();
    }
    // Ask for more than the limit: equal names collapse into one suggestion.
    int wanted = limit * 2;
    return index.withReader(
        reader -> {
          IndexSearcher searcher = ProductSearcher.searcher(reader, cancelled);
          ScoreDoc[] hits =
              searcher.search(query, new TopFieldCollectorManager(BEST_FIRST, wanted, null, wanted))
                  .scoreDocs;
          ProductSearcher.stopIfCancelled(searcher, cancelled);
          Set<String> seen = new HashSet<>();
          List<Suggestion> suggestions = new ArrayList<>(limit);
          for (ScoreDoc hit : hits) {
            Product product = ProductSearcher.product(reader, ((FieldDoc) hit).doc);
            if (suggestions.size() < limit
                && seen.add(ProductDocuments.lowerCase(product.getName()))) {
              suggestions.add(new Suggestion(product.getName(), product.getId()));
            }
          }
          return suggestions;
        });
  }

  private static @Nullable Query query(String prefix) {
    List<String> words = Analyzers.words(prefix);
    if (words.isEmpty()) {
      return null;
    }
    BooleanQuery.Builder query = new BooleanQuery.Builder();
    for (String word : words) {
      String indexed =
          word.length() > Analyzers.MAX_PREFIX_LENGTH
              ? word.substring(0, Analyzers.MAX_PREFIX_LENGTH)
              : word;
      query.add(
          new ConstantScoreQuery(new TermQuery(new Term(ProductDocuments.NAME_PREFIXES, indexed))),
          Occur.MUST);
    }
    String typed = ProductDocuments.lowerCase(prefix.strip());
    query.add(
        new BoostQuery(
            new ConstantScoreQuery(new PrefixQuery(new Term(ProductDocuments.NAME_LOWER, typed))),
            STARTS_WITH_BOOST),
        Occur.SHOULD);
    query.add(Filters.live(), Occur.FILTER);
    return query.build();
  }
}
