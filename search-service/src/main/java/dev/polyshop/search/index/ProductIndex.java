package dev.polyshop.search.index;

import dev.polyshop.catalog.v1.ChangeEvent;
import dev.polyshop.feed.FeedCursor;
import java.io.Closeable;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongConsumer;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ReferenceManager;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.IOUtils;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Lucene index of the catalog: applies change events by version, hands out near-real-time
 * readers, and (when on disk) commits the feed cursor (feed id and position) atomically with the
 * documents it covers.
 */
public final class ProductIndex implements Closeable {

  /** Commit user-data key holding the last feed position the committed documents include. */
  static final String CURSOR_KEY = "polyshop.feed.cursor";

  /** Commit user-data key holding the id of the feed that position belongs to (absent: unknown). */
  static final String FEED_ID_KEY = "polyshop.feed.id";

  /**
   * Commit user-data key holding the document layout the index was written with. An index of
   * another layout (or none: written before layouts were recorded) is rebuilt from the feed.
   */
  static final String LAYOUT_KEY = "polyshop.index.layout";

  /**
   * Layout 3: UUID ids also as two numeric halves, create times also as points (layout 2 had the
   * product source as a binary doc value; layout 1 stored it as a stored field).
   */
  static final String LAYOUT = "3";

  private static final Logger log = LoggerFactory.getLogger(ProductIndex.class);

  private final Directory directory;
  private final boolean persistent;
  private final IndexWriter writer;
  private final SearcherManager searchers;
  private final AppliedVersions versions;
  // Serialises batches, resets and commits, so a commit never stores a cursor ahead of its docs.
  private final ReentrantLock writes = new ReentrantLock();
  private volatile FeedCursor cursor;

  private ProductIndex(Directory directory, boolean persistent) throws IOException {
    this.directory = directory;
    this.persistent = persistent;
    IndexWriterConfig config =
        new IndexWriterConfig(Analyzers.index())
            .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
            .setCommitOnClose(persistent);
    this.writer = new IndexWriter(directory, config);
    try {
      this.cursor = storedCursor(writer.getLiveCommitData());
      if (writer.getDocStats().numDocs > 0 && !LAYOUT.equals(storedLayout(writer))) {
        log.warn("index written in an older layout: rebuilding it from the feed");
        writer.deleteAll();
        writer.setLiveCommitData(commitData(FeedCursor.START).entrySet());
        this.cursor = FeedCursor.START;
        if (persistent) {
          writer.commit();
        }
      }
      log.info("index opened at feed position {} of feed {}", cursor.position(), cursor.feedId());
      this.searchers = new SearcherManager(writer, null);
      this.versions = AppliedVersions.load(this);
    } catch (IOException | RuntimeException e) {
      IOUtils.closeWhileHandlingException(writer, directory);
      throw e;
    }
  }

  /** An empty index in memory: it is rebuilt from the feed on every start. */
  public static ProductIndex inMemory() throws IOException {
    return new ProductIndex(new ByteBuffersDirectory(), false);
  }

  /** The index in {@code dir} (created if missing), resuming from the cursor of its last commit. */
  public static ProductIndex open(Path dir) throws IOException {
    Files.createDirectories(dir);
    return new ProductIndex(FSDirectory.open(dir), true);
  }

  /** The last feed position whose events have been applied (0 when empty). */
  public long cursor() {
    return cursor.position();
  }

  /** The feed id and last position applied, as committed together with the documents. */
  public FeedCursor feedCursor() {
    return cursor;
  }

  public boolean persistent() {
    return persistent;
  }

  /**
   * Applies a batch of feed events in order and moves the cursor to {@code nextPosition}. Events
   * not newer than what the index holds are skipped, so replays are harmless.
   *
   * @return how many events changed the index
   */
  public int apply(List<ChangeEvent> events, long nextPosition) throws IOException {
    return apply(events, new FeedCursor(cursor.feedId(), nextPosition));
  }

  /** As {@link #apply(List, long)}, storing {@code next} (feed id with position) as the cursor. */
  public int apply(List<ChangeEvent> events, FeedCursor next) throws IOException {
    writes.lock();
    try {
      int changed = 0;
      for (ChangeEvent event : events) {
        if (applyOne(event)) {
          changed++;
        }
      }
      writer.setLiveCommitData(commitData(next).entrySet());
      cursor = next;
      return changed;
    } finally {
      writes.unlock();
    }
  }

  private boolean applyOne(ChangeEvent event) throws IOException {
    String id = event.getProductId();
    long version = event.getVersion();
    switch (event.getChangeCase()) {
      case UPSERT -> {
        if (!versions.upsertIsNewer(id, version)) {
          return false;
        }
        writer.updateDocument(
            ProductDocuments.idTerm(id), ProductDocuments.product(event.getUpsert(), version));
        versions.recordUpsert(id, version);
        return true;
      }
      case DELETE -> {
        if (!versions.deleteIsNewer(id, version)) {
          return false;
        }
        writer.updateDocument(ProductDocuments.idTerm(id), ProductDocuments.tombstone(id, version));
        versions.recordDelete(id, version);
        return true;
      }
      default -> {
        log.warn("ignoring change event at position {} without a change", event.getPosition());
        return false;
      }
    }
  }

  /** Drops every document and version and rewinds the cursor to 0, for a rebuild from scratch. */
  public void reset() throws IOException {
    writes.lock();
    try {
      writer.deleteAll();
      versions.clear();
      writer.setLiveCommitData(commitData(FeedCursor.START).entrySet());
      cursor = FeedCursor.START;
      if (persistent) {
        writer.commit();
      }
    } finally {
      writes.unlock();
    }
  }

  /** Makes every applied change visible to searches, waiting if a refresh is under way. */
  public void refresh() throws IOException {
    searchers.maybeRefreshBlocking();
  }

  /** Makes applied changes visible unless another thread is already refreshing. */
  public void maybeRefresh() throws IOException {
    searchers.maybeRefresh();
  }

  /** Calls {@code listener} with the nanoseconds of every refresh that opened a new searcher. */
  public void onRefresh(LongConsumer listener) {
    searchers.addListener(
        new ReferenceManager.RefreshListener() {
          // The manager runs refreshes one at a time, under its refresh lock.
          private long started;

          @Override
          public void beforeRefresh() {
            started = System.nanoTime();
          }

          @Override
          public void afterRefresh(boolean didRefresh) {
            if (didRefresh) {
              listener.accept(System.nanoTime() - started);
            }
          }
        });
  }

  /** Bytes the index's files take, in memory or on disk. */
  public long sizeBytes() throws IOException {
    long bytes = 0;
    for (String file : directory.listAll()) {
      try {
        bytes += directory.fileLength(file);
      } catch (NoSuchFileException | FileNotFoundException e) {
        // merged away since the listing
      }
    }
    return bytes;
  }

  /** Commits documents and cursor if anything changed since the last commit (disk only). */
  public boolean commitIfChanged() throws IOException {
    if (!persistent) {
      return false;
    }
    writes.lock();
    try {
      if (!writer.hasUncommittedChanges()) {
        return false;
      }
      writer.commit();
      return true;
    } finally {
      writes.unlock();
    }
  }

  /** Number of products (not tombstones) visible to searches. */
  public int liveDocuments() throws IOException {
    return withReader(reader -> new IndexSearcher(reader).count(Filters.live()));
  }

  /** Runs {@code work} on a point-in-time reader that stays open until it returns. */
  <T> T withReader(ReaderWork<T> work) throws IOException {
    IndexSearcher searcher = searchers.acquire();
    try {
      return work.apply(searcher.getIndexReader());
    } finally {
      searchers.release(searcher);
    }
  }

  /** Work against one reader. */
  @FunctionalInterface
  interface ReaderWork<T> {
    T apply(IndexReader reader) throws IOException;
  }

  /** Closes the index; on disk, commits what was applied first. */
  @Override
  public void close() throws IOException {
    writes.lock();
    try {
      IOUtils.close(searchers, writer, directory);
    } finally {
      writes.unlock();
    }
  }

  private static Map<String, String> commitData(FeedCursor cursor) {
    Map<String, String> data = new HashMap<>();
    data.put(CURSOR_KEY, Long.toString(cursor.position()));
    data.put(LAYOUT_KEY, LAYOUT);
    if (cursor.feedId() != null) {
      data.put(FEED_ID_KEY, cursor.feedId());
    }
    return data;
  }

  private static @Nullable String storedLayout(IndexWriter writer) {
    Map<String, String> stored = new HashMap<>();
    Iterable<Map.Entry<String, String>> commitData = writer.getLiveCommitData();
    if (commitData != null) {
      commitData.forEach(entry -> stored.put(entry.getKey(), entry.getValue()));
    }
    return stored.get(LAYOUT_KEY);
  }

  private static FeedCursor storedCursor(Iterable<Map.Entry<String, String>> commitData) {
    Map<String, String> stored = new HashMap<>();
    if (commitData != null) {
      commitData.forEach(entry -> stored.put(entry.getKey(), entry.getValue()));
    }
    return new FeedCursor(
        stored.get(FEED_ID_KEY), Long.parseLong(stored.getOrDefault(CURSOR_KEY, "0")));
  }
}
