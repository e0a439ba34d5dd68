package dev.polyshop.search.index;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * Turns free text into a BM25 query over name and description with typo tolerance.
 *
 * <p>Every term must match (in the name or the description, exactly or within its edit budget).
 * Exact matches score on both the exact and the fuzzy clause, so they outrank typo matches. The
 * edit budget is judged on the word as typed, and both the typed word and its stem are looked up
 * fuzzily, because stemming a misspelt word can move it further from the indexed stem.
 */
final class TextQueries {

  /** Distinct terms searched at most; bounds the clauses a query expands to. */
  static final int MAX_TERMS = 10;

  private static final float NAME_BOOST = 3f;
  private static final float FUZZY_WEIGHT = 0.4f;
  // A typo in the first letter is rare; fixing the first letter makes fuzzy lookups much cheaper.
  private static final int FUZZY_PREFIX_LENGTH = 1;
  private static final int FUZZY_MAX_EXPANSIONS = 20;

  private TextQueries() {}

  /** The query for non-blank text; text without searchable terms matches nothing. */
  static Query of(String text) {
    List<String> stems = Analyzers.englishTerms(text);
    List<String> words = Analyzers.englishWords(text);
    // term (stemmed, as indexed) -> the typed word it came from
    Map<String, String> terms = new LinkedHashMap<>();
    for (int i = 0; i < stems.size(); i++) {
      terms.putIfAbsent(stems.get(i), words.size() == stems.size() ? words.get(i) : stems.get(i));
    }
    if (terms.isEmpty()) {
      return new MatchNoDocsQuery("no searchable terms in the query");
    }
    if (terms.size() > MAX_TERMS) {
      throw new UnsupportedQueryException(
          "query has " + terms.size() + " distinct terms; at most " + MAX_TERMS + " are allowed");
    }
    BooleanQuery.Builder all = new BooleanQuery.Builder();
    terms.forEach((term, typed) -> all.add(anyField(term, typed), Occur.MUST));
    return all.build();
  }

  /** Edits tolerated for a term: none below 5 characters, 1 from 5, 2 from 8. */
  static int maxEdits(String term) {
    int length = term.codePointCount(0, term.length());
    return length >= 8 ? 2 : length >= 5 ? 1 : 0;
  }

  private static Query anyField(String term, String typed) {
    BooleanQuery.Builder either = new BooleanQuery.Builder();
    either.add(
        new BoostQuery(new TermQuery(new Term(ProductDocuments.NAME, term)), NAME_BOOST),
        Occur.SHOULD);
    either.add(new TermQuery(new Term(ProductDocuments.DESCRIPTION, term)), Occur.SHOULD);
    int edits = maxEdits(typed);
    if (edits > 0) {
      for (String variant : typed.equals(term) ? List.of(term) : List.of(term, typed)) {
        either.add(
            new BoostQuery(fuzzy(ProductDocuments.NAME, variant, edits), NAME_BOOST * FUZZY_WEIGHT),
            Occur.SHOULD);
        either.add(
            new BoostQuery(fuzzy(ProductDocuments.DESCRIPTION, variant, edits), FUZZY_WEIGHT),
            Occur.SHOULD);
      }
    }
    return either.build();
  }

  private static Query fuzzy(String field, String term, int edits) {
    return new TypoQuery(new Term(field, term), edits, FUZZY_PREFIX_LENGTH, FUZZY_MAX_EXPANSIONS);
  }
}
