package dev.polyshop.search.index;

import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.util.BytesRef;

/** The Lucene sort of each {@link ResultOrder}, and conversions between its values and keys. */
final class Sorts {

  private static final SortField ID = new SortField(ProductDocuments.ID, SortField.Type.STRING);
  private static final SortField NEWEST =
      new SortField(ProductDocuments.CREATED, SortField.Type.LONG, true);

  private Sorts() {}

  static Sort of(ResultOrder order, boolean hasText) {
    return switch (order) {
      case RELEVANCE ->
          hasText ? new Sort(SortField.FIELD_SCORE, NEWEST, ID) : new Sort(NEWEST, ID);
      case NEWEST -> new Sort(NEWEST, ID);
      case PRICE_ASC -> new Sort(new SortField(ProductDocuments.PRICE, SortField.Type.LONG), ID);
      case PRICE_DESC ->
          new Sort(new SortField(ProductDocuments.PRICE, SortField.Type.LONG, true), ID);
    };
  }

  /**
   * The position to continue after. Its doc id is the largest possible, so a document whose sort
   * values equal the key's (the same product, re-indexed since) counts as already returned.
   */
  static FieldDoc after(Sort sort, SortKey key) {
    SortField[] fields = sort.getSort();
    Object[] values = new Object[fields.length];
    for (int i = 0; i < fields.length; i++) {
      values[i] =
          switch (fields[i].getType()) {
            case SCORE -> key.score();
            case STRING -> new BytesRef(key.productId());
            default ->
                ProductDocuments.PRICE.equals(fields[i].getField())
                    ? key.priceMinor()
                    : key.createdMillis();
          };
    }
    return new FieldDoc(Integer.MAX_VALUE, Float.NaN, values);
  }

  /** The key of a hit: its sort values (values the order does not use stay zero). */
  static SortKey keyOf(Sort sort, FieldDoc hit) {
    SortField[] fields = sort.getSort();
    float score = 0;
    long price = 0;
    long created = 0;
    String id = "";
    for (int i = 0; i < fields.length; i++) {
      Object value = hit.fields[i];
      switch (fields[i].getType()) {
        case SCORE -> score = (Float) value;
        case STRING -> id = ((BytesRef) value).utf8ToString();
        default -> {
          if (ProductDocuments.PRICE.equals(fields[i].getField())) {
            price = (Long) value;
          } else {
            created = (Long) value;
          }
        }
      }
    }
    return new SortKey(score, price, created, id);
  }

  /** The relevance score of a hit, or 0 when the order does not rank by score. */
  static float scoreOf(Sort sort, FieldDoc hit) {
    return sort.getSort()[0].getType() == SortField.Type.SCORE ? (Float) hit.fields[0] : 0f;
  }
}
