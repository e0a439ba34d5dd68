package dev.polyshop.search.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.lucene.analysis.core.WhitespaceAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** TypoQuery must find and score exactly what FuzzyQuery (with transpositions) does. */
class TypoQueryTest {

  private static final String FIELD = "text";
  private static final long SEED = 20261202L;
  private static final List<String> vocabulary = new ArrayList<>();
  private static ByteBuffersDirectory directory;
  private static DirectoryReader reader;

  @BeforeAll
  static void index() throws IOException {
    Random random = new Random(SEED);
    for (int i = 0; i < 3000; i++) {
      vocabulary.add(word(random));
    }
    // Near neighbours of real words, so that queries have many candidates at one and two edits.
    for (int i = 0; i < 1500; i++) {
      vocabulary.add(typo(random, vocabulary.get(random.nextInt(3000))));
    }
    directory = new ByteBuffersDirectory();
    try (var writer = new IndexWriter(directory, new IndexWriterConfig(new WhitespaceAnalyzer()))) {
      for (int d = 0; d < 4000; d++) {
        StringBuilder text = new StringBuilder();
        for (int w = random.nextInt(1, 8); w > 0; w--) {
          text.append(vocabulary.get(random.nextInt(vocabulary.size()))).append(' ');
        }
        Document doc = new Document();
        doc.add(new TextField(FIELD, text.toString(), Field.Store.NO));
        writer.addDocument(doc);
        if (d % 900 == 0) {
          writer.commit(); // several segments, as a live index has
        }
      }
    }
    reader = DirectoryReader.open(directory);
  }

  @AfterAll
  static void close() throws IOException {
    reader.close();
    directory.close();
  }

  @Test
  void findsAndScoresWhatFuzzyQueryDoes() throws IOException {
    IndexSearcher searcher = new IndexSearcher(reader);
    Random random = new Random(SEED + 1);
    int compared = 0;
    int withHits = 0;
    for (int q = 0; q < 600; q++) {
      String base = vocabulary.get(random.nextInt(vocabulary.size()));
      String typed = random.nextBoolean() ? typo(random, base) : base;
      if (random.nextInt(10) == 0) {
        typed = typo(random, typo(random, typed));
      }
      int edits = 1 + random.nextInt(2);
      int prefix = random.nextInt(3);
      Term term = new Term(FIELD, typed);
      TopDocs fuzzy = searcher.search(new FuzzyQuery(term, edits, prefix, 20, true), 50);
      TopDocs typo = searcher.search(new TypoQuery(term, edits, prefix, 20), 50);
      assertThat(hits(typo))
          .as("'%s' within %d edits, prefix %d", typed, edits, prefix)
          .isEqualTo(hits(fuzzy));
      compared++;
      withHits += fuzzy.scoreDocs.length > 0 ? 1 : 0;
    }
    assertThat(compared).isEqualTo(600);
    assertThat(withHits).as("queries that matched something").isGreaterThan(400);
  }

  @Test
  void editDistanceCountsATranspositionOnce() {
    assertThat(distance("laptop", "lpatop", 2)).isEqualTo(1);
    assertThat(distance("laptop", "laptops", 2)).isEqualTo(1);
    assertThat(distance("laptop", "lapop", 2)).isEqualTo(1);
    assertThat(distance("laptop", "lbptoq", 2)).isEqualTo(2);
    assertThat(distance("laptop", "monitor", 2)).isEqualTo(3);
    assertThat(distance("ca", "abc", 3)).isEqualTo(3); // optimal string alignment, not Damerau
  }

  private static int distance(String a, String b, int bound) {
    int[] x = a.codePoints().toArray();
    int[] y = b.codePoints().toArray();
    return EditDistance.withinBound(x, 0, y, 0, y.length, bound);
  }

  private static List<String> hits(TopDocs top) {
    List<String> hits = new ArrayList<>();
    for (ScoreDoc hit : top.scoreDocs) {
      hits.add(hit.doc + "=" + hit.score);
    }
    return hits;
  }

  private static String word(Random random) {
    String letters = "aeioulnrstcdmpbgkhwyéø";
    StringBuilder word = new StringBuilder();
    for (int n = random.nextInt(4, 11); n > 0; n--) {
      word.append(letters.charAt(random.nextInt(letters.length())));
    }
    return word.toString();
  }

  private static String typo(Random random, String word) {
    StringBuilder w = new StringBuilder(word);
    int at = random.nextInt(w.length());
    switch (random.nextInt(4)) {
      case 0 -> w.setCharAt(at, (char) ('a' + random.nextInt(26)));
      case 1 -> w.insert(at, (char) ('a' + random.nextInt(26)));
      case 2 -> {
        if (w.length() > 1) {
          w.deleteCharAt(at);
        }
      }
      default -> {
        if (at + 1 < w.length()) {
          char c = w.charAt(at);
          w.setCharAt(at, w.charAt(at + 1));
          w.setCharAt(at + 1, c);
        }
      }
    }
    return w.toString();
  }
}
