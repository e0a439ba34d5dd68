package dev.polyshop.search.index;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.util.Bits;

/**
 * The version the index holds for each product id, deleted ones included (their tombstones), so
 * that events are applied only when newer. Rebuilt from the documents when the index opens.
 */
final class AppliedVersions {

  private record Held(long version, boolean deleted) {}

  private final Map<String, Held> held = new ConcurrentHashMap<>();

  static AppliedVersions load(ProductIndex index) throws IOException {
    AppliedVersions versions = new AppliedVersions();
    return index.withReader(
        reader -> {
          for (LeafReaderContext leaf : reader.leaves()) {
            versions.load(leaf.reader());
          }
          return versions;
        });
  }

  private void load(LeafReader reader) throws IOException {
    Bits liveDocs = reader.getLiveDocs();
    SortedDocValues ids = DocValues.getSorted(reader, ProductDocuments.ID);
    NumericDocValues versions = DocValues.getNumeric(reader, ProductDocuments.VERSION);
    NumericDocValues deleted = DocValues.getNumeric(reader, ProductDocuments.DELETED);
    for (int doc = 0; doc < reader.maxDoc(); doc++) {
      if ((liveDocs != null && !liveDocs.get(doc))
          || !ids.advanceExact(doc)
          || !versions.advanceExact(doc)) {
        continue;
      }
      boolean tombstone = deleted.advanceExact(doc) && deleted.longValue() == 1;
      held.put(
          ids.lookupOrd(ids.ordValue()).utf8ToString(), new Held(versions.longValue(), tombstone));
    }
  }

  /** An upsert applies only above the held version (a tombstone's too: no resurrection). */
  boolean upsertIsNewer(String id, long version) {
    Held current = held.get(id);
    return current == null || version > current.version();
  }

  /**
   * A delete carries the version it deleted, so it also applies at the held version of a live
   * product; a replayed delete of an existing tombstone does nothing.
   */
  boolean deleteIsNewer(String id, long version) {
    Held current = held.get(id);
    return current == null
        || version > current.version()
        || (version == current.version() && !current.deleted());
  }

  void recordUpsert(String id, long version) {
    held.put(id, new Held(version, false));
  }

  void recordDelete(String id, long version) {
    held.put(id, new Held(version, true));
  }

  void clear() {
    held.clear();
  }
}
