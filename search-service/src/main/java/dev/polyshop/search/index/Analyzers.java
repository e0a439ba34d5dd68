package dev.polyshop.search.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.ngram.EdgeNGramTokenFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/** The text analysis of the index: English for full text, edge n-grams for name prefixes. */
final class Analyzers {

  /** Longest name-word prefix indexed for suggestions; longer input is cut to this length. */
  static final int MAX_PREFIX_LENGTH = 20;

  private static final Analyzer ENGLISH = new EnglishAnalyzer();
  private static final Analyzer ENGLISH_UNSTEMMED = new UnstemmedEnglishAnalyzer();
  private static final Analyzer WORDS = new WordsAnalyzer(false);
  private static final Analyzer INDEX =
      new PerFieldAnalyzerWrapper(
          ENGLISH, Map.of(ProductDocuments.NAME_PREFIXES, new WordsAnalyzer(true)));

  private Analyzers() {}

  /** Index-time analysis for every text field. */
  static Analyzer index() {
    return INDEX;
  }

  /** Terms of free text as the name and description fields hold them (stemmed, no stop words). */
  static List<String> englishTerms(String text) {
    return terms(ENGLISH, ProductDocuments.NAME, text);
  }

  /**
   * The same terms before stemming, one per stemmed term: typos are judged on the typed word
   * ("wireles" is one edit from "wireless", but its stem "wirel" is three).
   */
  static List<String> englishWords(String text) {
    return terms(ENGLISH_UNSTEMMED, ProductDocuments.NAME, text);
  }

  /** Lower-cased, ASCII-folded words of typed input, matched against indexed name prefixes. */
  static List<String> words(String text) {
    return terms(WORDS, ProductDocuments.NAME_PREFIXES, text);
  }

  private static List<String> terms(Analyzer analyzer, String field, String text) {
    List<String> terms = new ArrayList<>();
    try (TokenStream stream = analyzer.tokenStream(field, text)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      stream.reset();
      while (stream.incrementToken()) {
        terms.add(term.toString());
      }
      stream.end();
    } catch (IOException e) {
      throw new UncheckedIOException("analysing in-memory text cannot fail", e);
    }
    return terms;
  }

  /** {@link EnglishAnalyzer} without its stemmer. */
  private static final class UnstemmedEnglishAnalyzer extends Analyzer {
    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
      Tokenizer source = new StandardTokenizer();
      TokenStream stream = new LowerCaseFilter(new EnglishPossessiveFilter(source));
      stream = new StopFilter(stream, EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
      return new TokenStreamComponents(source, stream);
    }
  }

  /** Standard words, lower-cased and folded to ASCII; with {@code prefixes}, their edge n-grams. */
  private static final class WordsAnalyzer extends Analyzer {
    private final boolean prefixes;

    WordsAnalyzer(boolean prefixes) {
      this.prefixes = prefixes;
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
      Tokenizer source = new StandardTokenizer();
      TokenStream stream = new ASCIIFoldingFilter(new LowerCaseFilter(source));
      if (prefixes) {
        stream = new EdgeNGramTokenFilter(stream, 1, MAX_PREFIX_LENGTH, true);
      }
      return new TokenStreamComponents(source, stream);
    }
  }
}
