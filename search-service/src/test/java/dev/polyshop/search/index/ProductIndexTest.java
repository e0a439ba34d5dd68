package dev.polyshop.search.index;

import static dev.polyshop.search.testing.CatalogFixtures.delete;
import static dev.polyshop.search.testing.CatalogFixtures.product;
import static dev.polyshop.search.testing.CatalogFixtures.upsert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.polyshop.catalog.v1.Product;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProductIndexTest {

  private ProductIndex index;

  @AfterEach
  void close() throws Exception {
    if (index != null) {
      index.close();
    }
  }

  @Test
  void open_anIndexOfAnOlderLayout_isRebuiltFromTheStartOfTheFeed(@TempDir Path dir)
      throws Exception {
    // Layout 1: the product source as a stored field, and no layout in the commit data.
    try (var directory = org.apache.lucene.store.FSDirectory.open(dir);
        var writer =
            new org.apache.lucene.index.IndexWriter(
                directory, new org.apache.lucene.index.IndexWriterConfig())) {
      var doc = new org.apache.lucene.document.Document();
      doc.add(new org.apache.lucene.document.StoredField("source", new byte[] {1, 2, 3}));
      writer.addDocument(doc);
      writer.setLiveCommitData(Map.of(ProductIndex.CURSOR_KEY, "5").entrySet());
      writer.commit();
    }

    index = ProductIndex.open(dir);

    assertThat(index.cursor()).isZero();
    index.apply(List.of(upsert(1, product("p1", "Desk lamp").build())), 1);
    index.refresh();
    assertThat(names("lamp")).containsExactly("Desk lamp");
  }

  @Test
  void upsert_notNewerThanIndexedVersion_isIgnored() throws Exception {
    index = ProductIndex.inMemory();
    Product v2 = product("p1", "Second name").setVersion(2).build();
    Product v1 = product("p1", "First name").setVersion(1).build();

    assertThat(index.apply(List.of(upsert(1, v2)), 1)).isEqualTo(1);
    assertThat(index.apply(List.of(upsert(2, v1), upsert(3, v2)), 3)).isZero();

    assertThat(names("name")).containsExactly("Second name");
    assertThat(index.cursor()).isEqualTo(3);
  }

  @Test
  void delete_removesProduct_andAStaleUpsertDoesNotResurrectIt() throws Exception {
    index = ProductIndex.inMemory();
    Product v1 = product("p1", "Desk lamp").build();
    Product v2 = product("p1", "Desk lamp brass").setVersion(2).build();
    index.apply(List.of(upsert(1, v1), upsert(2, v2)), 2);

    // A delete carries the version it deleted.
    assertThat(index.apply(List.of(delete(3, "p1", 2)), 3)).isEqualTo(1);
    assertThat(index.apply(List.of(upsert(1, v1), upsert(2, v2), delete(3, "p1", 2)), 3)).isZero();

    assertThat(names("lamp")).isEmpty();
    assertThat(index.liveDocuments()).isZero();
  }

  @Test
  void delete_olderThanIndexedVersion_isIgnored() throws Exception {
    index = ProductIndex.inMemory();
    index.apply(List.of(upsert(5, product("p1", "Desk lamp").setVersion(3).build())), 5);

    assertThat(index.apply(List.of(delete(2, "p1", 2)), 5)).isZero();

    assertThat(names("lamp")).containsExactly("Desk lamp");
  }

  @Test
  void reopen_restoresCursorAndTombstones_soStaleEventsStayIgnored(@TempDir Path dir)
      throws Exception {
    index = ProductIndex.open(dir);
    Product lamp = product("p1", "Desk lamp").build();
    index.apply(List.of(upsert(4, lamp), upsert(6, product("p2", "Floor lamp").build())), 6);
    index.apply(List.of(delete(9, "p1", 1)), 9);
    index.close();

    index = ProductIndex.open(dir);

    assertThat(index.cursor()).isEqualTo(9);
    assertThat(index.apply(List.of(upsert(4, lamp)), 9)).isZero();
    assertThat(names("lamp")).containsExactly("Floor lamp");
  }

  @Test
  void commitIfChanged_persistsAppliedChangesWithTheirCursor(@TempDir Path dir) throws Exception {
    index = ProductIndex.open(dir);
    index.apply(List.of(upsert(7, product("p1", "Desk lamp").build())), 7);

    assertThat(index.commitIfChanged()).isTrue();
    assertThat(index.commitIfChanged()).isFalse();
    index.close();
    index = ProductIndex.open(dir);

    assertThat(index.cursor()).isEqualTo(7);
    assertThat(names("lamp")).containsExactly("Desk lamp");
  }

  @Test
  void reset_dropsEverythingAndRewindsTheCursor() throws Exception {
    index = ProductIndex.inMemory();
    Product lamp = product("p1", "Desk lamp").build();
    index.apply(List.of(upsert(3, lamp), delete(4, "p2", 1)), 4);

    index.reset();

    assertThat(index.cursor()).isZero();
    assertThat(names("lamp")).isEmpty();
    // Versions are forgotten too: the rebuild applies the same events again.
    assertThat(index.apply(List.of(upsert(3, lamp)), 3)).isEqualTo(1);
  }

  @Test
  void search_cancelledByTheCaller_stopsWithCancellation() throws Exception {
    index = ProductIndex.inMemory();
    index.apply(List.of(upsert(1, product("p1", "Desk lamp").build())), 1);
    index.refresh();

    assertThatThrownBy(() -> new ProductSearcher(index).search(query("lamp"), () -> true))
        .isInstanceOf(CancellationException.class);
  }

  private List<String> names(String text) throws Exception {
    index.refresh();
    return new ProductSearcher(index)
        .search(query(text), () -> false).hits().stream()
            .map(hit -> hit.product().getName())
            .toList();
  }

  private static SearchQuery query(String text) {
    return new SearchQuery(
        text,
        Set.of(),
        Set.of(),
        OptionalLong.empty(),
        OptionalLong.empty(),
        false,
        ResultOrder.RELEVANCE,
        10,
        Optional.empty());
  }
}
