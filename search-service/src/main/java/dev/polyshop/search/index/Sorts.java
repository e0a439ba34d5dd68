package dev.polyshop.search.index;

import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.util.BytesRef;

/** The Lucene sort of each {@link ResultOrder}, and conversions between its values and keys. */
final class Sorts {

  private static final SortField[] BY_UUID = {
    new SortField(ProductDocuments.ID_HIGH, SortField.Type.LONG),
    new SortField(ProductDocuments.ID_LOW, SortField.Type.LONG)
  };
  private static final SortField[] BY_ID_STRING = {
    new SortField(ProductDocuments.ID, SortField.Type.STRING)
  };
  private static final SortField NEWEST =
      new SortField(ProductDocuments.CREATED, SortField.Type.LONG, true);
  private static final SortField CHEAPEST =
      new SortField(ProductDocuments.PRICE, SortField.Type.LONG);
  private static final SortField DEAREST =
      new SortField(ProductDocuments.PRICE, SortField.Type.LONG, true);

  private Sorts() {}

  /**
   * The order's sort, ending in the product id as the tie-breaker. Both tie-breakers order ids the
   * same way; the numeric one needs every id in the index to be a UUID.
   */
  static Sort of(ResultOrder order, boolean hasText, boolean allIdsUuids) {
    SortField[] id = allIdsUuids ? BY_UUID : BY_ID_STRING;
    return switch (order) {
      case RELEVANCE -> hasText ? sort(id, SortField.FIELD_SCORE, NEWEST) : sort(id, NEWEST);
      case NEWEST -> sort(id, NEWEST);
      case PRICE_ASC -> sort(id, CHEAPEST);
      case PRICE_DESC -> sort(id, DEAREST);
    };
  }

  private static Sort sort(SortField[] id, SortField... first) {
    SortField[] fields = new SortField[first.length + id.length];
    System.arraycopy(first, 0, fields, 0, first.length);
    System.arraycopy(id, 0, fields, first.length, id.length);
    return new Sort(fields);
  }

  /**
   * The position to continue after. Its doc id is the largest possible, so a document whose sort
   * values equal the key's (the same product, re-indexed since) counts as already returned.
   */
  static FieldDoc after(Sort sort, SortKey key) {
    SortField[] fields = sort.getSort();
    long[] halves = ProductDocuments.idHalves(key.productId());
    Object[] values = new Object[fields.length];
    for (int i = 0; i < fields.length; i++) {
      values[i] =
          switch (fields[i].getType()) {
            case SCORE -> key.score();
            case STRING -> new BytesRef(key.productId());
            default ->
                switch (fields[i].getField()) {
                  case ProductDocuments.PRICE -> key.priceMinor();
                  case ProductDocuments.CREATED -> key.createdMillis();
                  case ProductDocuments.ID_HIGH -> halves[0];
                  default -> halves[1];
                };
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
    long high = 0;
    String id = "";
    for (int i = 0; i < fields.length; i++) {
      Object value = hit.fields[i];
      switch (fields[i].getType()) {
        case SCORE -> score = (Float) value;
        case STRING -> id = ((BytesRef) value).utf8ToString();
        default -> {
          switch (fields[i].getField()) {
            case ProductDocuments.PRICE -> price = (Long) value;
            case ProductDocuments.CREATED -> created = (Long) value;
            case ProductDocuments.ID_HIGH -> high = (Long) value;
            default -> id = ProductDocuments.idOf(high, (Long) value);
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
