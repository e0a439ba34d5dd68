package dev.polyshop.search.index;

import java.io.IOException;
import java.util.Objects;
import org.apache.lucene.index.FilteredTermsEnum;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BoostAttribute;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.MultiTermQuery;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.util.AttributeSource;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.StringHelper;
import org.apache.lucene.util.UnicodeUtil;

/**
 * Matches the same terms as {@link FuzzyQuery} (with transpositions) and scores them the same way,
 * without building Levenshtein automata.
 *
 * <p>A {@code FuzzyQuery} compiles one automaton per edit distance for every query it rewrites; on
 * a catalog's small vocabulary that construction costs far more than the lookup it speeds up (it
 * was most of the CPU of a search). This query instead walks the terms that share the fixed prefix
 * and computes each one's edit distance (optimal string alignment, as Lucene's automata with
 * transpositions do) with an early exit past {@code maxEdits}. Terms and boosts — {@code 1 - edits
 * / min(length of term, length of query term)} in code points — are those of {@code FuzzyQuery},
 * and so is the rewrite: the {@code maxExpansions} best terms, blended.
 *
 * <p>The walk is linear in the number of terms under the prefix, so it suits vocabularies of up to
 * some hundred thousand terms per prefix; beyond that the automaton's intersection wins.
 */
final class TypoQuery extends MultiTermQuery {

  private final Term term;
  private final int maxEdits;
  private final int prefixLength;
  private final int[] codePoints;

  TypoQuery(Term term, int maxEdits, int prefixLength, int maxExpansions) {
    super(term.field(), new MultiTermQuery.TopTermsBlendedFreqScoringRewrite(maxExpansions));
    if (maxEdits < 1 || maxEdits > 2 || prefixLength < 0) {
      throw new IllegalArgumentException("maxEdits must be 1 or 2 and prefixLength >= 0");
    }
    this.term = term;
    this.maxEdits = maxEdits;
    this.prefixLength = prefixLength;
    this.codePoints = term.text().codePoints().toArray();
  }

  @Override
  protected TermsEnum getTermsEnum(Terms terms, AttributeSource atts) throws IOException {
    int prefix = Math.min(prefixLength, codePoints.length);
    String prefixText = new String(codePoints, 0, prefix);
    return new Within(terms.iterator(), new BytesRef(prefixText), prefix);
  }

  /** The terms under the prefix within {@code maxEdits} of the query term, with their boosts. */
  private final class Within extends FilteredTermsEnum {
    private final BytesRef prefix;
    private final int prefixCodePoints;
    private final BoostAttribute boost;
    private int[] candidate = new int[16];

    Within(TermsEnum terms, BytesRef prefix, int prefixCodePoints) {
      super(terms);
      this.prefix = prefix;
      this.prefixCodePoints = prefixCodePoints;
      this.boost = attributes().addAttribute(BoostAttribute.class);
      setInitialSeekTerm(prefix);
    }

    @Override
    protected AcceptStatus accept(BytesRef bytes) {
      if (!StringHelper.startsWith(bytes, prefix)) {
        return AcceptStatus.END;
      }
      if (candidate.length < bytes.length) {
        candidate = new int[bytes.length];
      }
      int length = UnicodeUtil.UTF8toUTF32(bytes, candidate);
      int edits =
          EditDistance.withinBound(
              codePoints, prefixCodePoints, candidate, prefixCodePoints, length, maxEdits);
      if (edits > maxEdits) {
        return AcceptStatus.NO;
      }
      boost.setBoost(
          edits == 0 ? 1f : 1f - (float) edits / (float) Math.min(length, codePoints.length));
      return AcceptStatus.YES;
    }
  }

  @Override
  public void visit(QueryVisitor visitor) {
    if (visitor.acceptField(field)) {
      visitor.visitLeaf(this);
    }
  }

  @Override
  public String toString(String field) {
    return (this.field.equals(field) ? "" : this.field + ":") + term.text() + "~" + maxEdits;
  }

  @Override
  public boolean equals(Object other) {
    return sameClassAs(other)
        && other instanceof TypoQuery that
        && term.equals(that.term)
        && maxEdits == that.maxEdits
        && prefixLength == that.prefixLength
        && rewriteMethod.equals(that.rewriteMethod);
  }

  @Override
  public int hashCode() {
    return Objects.hash(classHash(), term, maxEdits, prefixLength, rewriteMethod);
  }
}
