package dev.polyshop.search.index;

import com.google.protobuf.Timestamp;
import dev.polyshop.catalog.v1.Product;
import java.util.Locale;
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

/**
 * Maps a product snapshot (or a delete tombstone) to its one Lucene document, keyed by product id.
 */
final class ProductDocuments {

  /** Product id: indexed for updates, sorted doc values as the final tie-breaker. */
  static final String ID = "id";

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

  /** Create time in epoch milliseconds (doc values) for "newest" ordering. */
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
    doc.add(new NumericDocValuesField(CREATED, epochMillis(product.getCreateTime())));
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
    doc.add(new NumericDocValuesField(VERSION, version));
    doc.add(new NumericDocValuesField(DELETED, deleted ? 1 : 0));
    return doc;
  }

  private static void keyword(Document doc, String field, String value) {
    doc.add(new StringField(field, value, Field.Store.NO));
    doc.add(new SortedDocValuesField(field, new BytesRef(value)));
  }

  private static long epochMillis(Timestamp time) {
    return time.getSeconds() * 1000 + time.getNanos() / 1_000_000;
  }
}
