package dev.polyshop.search.index;

import com.google.protobuf.Timestamp;
import dev.polyshop.catalog.v1.Product;
import java.util.Locale;
import java.util.UUID;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.Term;
import org.apache.lucene.util.BytesRef;
import org.jspecify.annotations.Nullable;

/**
 * Maps a product snapshot (or a delete tombstone) to its one Lucene document, keyed by product id.
 */
final class ProductDocuments {

  /**
   * Product id: indexed for updates, sorted doc values as the final tie-breaker while the index
   * holds any id that is not a UUID (see {@link #ID_HIGH}).
   */
  static final String ID = "id";

  /**
   * A UUID id's two halves as numeric doc values ({@link #idHalves}), the tie-breaker of every sort
   * while all ids are UUIDs. Comparing two longs per hit is what makes it cheap: the string
   * tie-breaker copied each competitive hit's id out of the compressed terms dictionary, a fifth of
   * search-service's CPU under the harness's query mix.
   */
  static final String ID_HIGH = "id_high";

  static final String ID_LOW = "id_low";

  /** {@link #OTHER_ID} on documents whose id is not a UUID in canonical (lower-case) form. */
  static final String ID_FORM = "id_form";

  static final String OTHER_ID = "other";

  /** {@link #LIVE} on products, {@link #TOMBSTONE} on deleted ones; every query filters on it. */
  static final String STATE = "state";

  static final String LIVE = "live";
  static final String TOMBSTONE = "tombstone";

  /** The applied version (doc values), kept on tombstones too so stale upserts stay ignored. */
  static final String VERSION = "version";

  /** 1 on tombstones, 0 on products (doc values, read when the index is reopened). */
  static final String DELETED = "deleted";

  static final String NAME = "name";
  static final String DESCRIPTION = "description";

  /** Edge n-grams of the name's words, for prefix suggestions. */
  static final String NAME_PREFIXES = "name_prefixes";

  /** The whole name in lower case, so a suggestion whose name starts with the input ranks first. */
  static final String NAME_LOWER = "name_lower";

  static final String CATEGORY = "category";
  static final String BRAND = "brand";

  /** Price in minor units: points for range filters, doc values for sorting and buckets. */
  static final String PRICE = "price";

  /** Present ({@code "true"}) only when stock is greater than zero. */
  static final String IN_STOCK = "in_stock";

  /**
   * Create time in epoch milliseconds: doc values for "newest" ordering, and points, with which
   * Lucene skips documents that cannot make the page (as for {@link #PRICE}).
   */
  static final String CREATED = "created";

  /**
   * The product proto as indexed, returned with hits: binary doc values, which a hit reads directly
   * (stored fields would decompress a block of documents for every hit).
   */
  static final String SOURCE = "product";

  private ProductDocuments() {}

  static Term idTerm(String productId) {
    return new Term(ID, productId);
  }

  static Document product(Product product, long version) {
    Document doc = base(product.getId(), version, false);
    doc.add(new StringField(STATE, LIVE, Field.Store.NO));
    doc.add(new TextField(NAME, product.getName(), Field.Store.NO));
    doc.add(new TextField(DESCRIPTION, product.getDescription(), Field.Store.NO));
    doc.add(new TextField(NAME_PREFIXES, product.getName(), Field.Store.NO));
    doc.add(new StringField(NAME_LOWER, lowerCase(product.getName()), Field.Store.NO));
    keyword(doc, CATEGORY, product.getCategory());
    keyword(doc, BRAND, product.getBrand());
    long price = product.getPrice().getAmountMinor();
    doc.add(new LongPoint(PRICE, price));
    doc.add(new NumericDocValuesField(PRICE, price));
    if (product.getStock() > 0) {
      doc.add(new StringField(IN_STOCK, "true", Field.Store.NO));
    }
    long created = epochMillis(product.getCreateTime());
    doc.add(new LongPoint(CREATED, created));
    doc.add(new NumericDocValuesField(CREATED, created));
    doc.add(new BinaryDocValuesField(SOURCE, new BytesRef(product.toByteArray())));
    return doc;
  }

  static Document tombstone(String productId, long version) {
    Document doc = base(productId, version, true);
    doc.add(new StringField(STATE, TOMBSTONE, Field.Store.NO));
    return doc;
  }

  static String lowerCase(String text) {
    return text.toLowerCase(Locale.ROOT);
  }

  private static Document base(String productId, long version, boolean deleted) {
    Document doc = new Document();
    doc.add(new StringField(ID, productId, Field.Store.NO));
    doc.add(new SortedDocValuesField(ID, new BytesRef(productId)));
    UUID uuid = canonicalUuid(productId);
    long[] halves = halves(uuid);
    doc.add(new NumericDocValuesField(ID_HIGH, halves[0]));
    doc.add(new NumericDocValuesField(ID_LOW, halves[1]));
    if (uuid == null) {
      doc.add(new StringField(ID_FORM, OTHER_ID, Field.Store.NO));
    }
    doc.add(new NumericDocValuesField(VERSION, version));
    doc.add(new NumericDocValuesField(DELETED, deleted ? 1 : 0));
    return doc;
  }

  /** Whether {@code id} is a UUID written the way {@link UUID#toString()} writes it. */
  static boolean isUuid(String id) {
    return canonicalUuid(id) != null;
  }

  /**
   * A UUID id's two halves, each with its sign bit flipped, so that Lucene's signed comparison of
   * the pair orders ids exactly as their strings (hex digits in fixed places); any other id gets
   * the lowest pair, leaving the order to {@link #ID}.
   */
  static long[] idHalves(String id) {
    return halves(canonicalUuid(id));
  }

  private static long[] halves(@Nullable UUID uuid) {
    return uuid == null
        ? new long[] {Long.MIN_VALUE, Long.MIN_VALUE}
        : new long[] {
          uuid.getMostSignificantBits() ^ Long.MIN_VALUE,
          uuid.getLeastSignificantBits() ^ Long.MIN_VALUE
        };
  }

  /** {@code id} as a UUID if it is one written as {@link UUID#toString()} writes it, else null. */
  private static @Nullable UUID canonicalUuid(String id) {
    if (id.length() != 36) {
      return null;
    }
    try {
      UUID uuid = UUID.fromString(id);
      return uuid.toString().equals(id) ? uuid : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** The id whose {@link #idHalves} these are. */
  static String idOf(long high, long low) {
    return new UUID(high ^ Long.MIN_VALUE, low ^ Long.MIN_VALUE).toString();
  }

  private static void keyword(Document doc, String field, String value) {
    doc.add(new StringField(field, value, Field.Store.NO));
    doc.add(new SortedDocValuesField(field, new BytesRef(value)));
  }

  private static long epochMillis(Timestamp time) {
    return time.getSeconds() * 1000 + time.getNanos() / 1_000_000;
  }
}
