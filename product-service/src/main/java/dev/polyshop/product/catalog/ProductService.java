package dev.polyshop.product.catalog;

import dev.polyshop.product.feed.ChangeRecorder;
import dev.polyshop.product.problem.ApiException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Catalog writes and reads. Every write records its change event in the same transaction; updates
 * lock the row and compare versions, so of several writers holding one ETag exactly one wins.
 */
@Service
public class ProductService {

  private final ProductRepository repository;
  private final ChangeRecorder changes;
  private final JsonMapper json;

  ProductService(ProductRepository repository, ChangeRecorder changes, JsonMapper json) {
    this.repository = repository;
    this.changes = changes;
    this.json = json;
  }

  Product get(UUID id) {
    return repository.find(id).orElseThrow(() -> notFound(id));
  }

  ProductPage list(@Nullable String category, long afterSeq, int limit) {
    List<ProductRepository.Listed> rows = repository.list(category, afterSeq, limit + 1);
    boolean more = rows.size() > limit;
    List<ProductRepository.Listed> page = more ? rows.subList(0, limit) : rows;
    return new ProductPage(
        page.stream().map(ProductRepository.Listed::product).toList(),
        more ? PageCursor.encode(page.getLast().seq()) : null);
  }

  @Transactional
  Product create(ProductData data) {
    List<Product> created = repository.insertNew(List.of(UUID.randomUUID()), List.of(data));
    if (created.isEmpty()) {
      throw duplicateSku(data.sku());
    }
    changes.upserted(ProductSnapshots.toProto(created.getFirst()));
    return created.getFirst();
  }

  @Transactional
  Product replace(UUID id, IfMatch ifMatch, ProductData data) {
    lockCurrent(id, ifMatch);
    return save(id, data);
  }

  @Transactional
  Product patch(UUID id, IfMatch ifMatch, JsonNode mergePatch) {
    Product current = lockCurrent(id, ifMatch);
    return save(id, MergePatch.apply(current.data(), mergePatch, json));
  }

  @Transactional
  void delete(UUID id, IfMatch ifMatch) {
    Product current = lockCurrent(id, ifMatch);
    Instant deletedAt = repository.delete(id);
    changes.deleted(id, current.data().sku(), current.version(), deletedAt);
  }

  /**
   * Inserts the given products unless their SKU already exists, with their change events: the bulk
   * path for seeding and imports.
   *
   * @return how many were new
   */
  @Transactional
  public int createMissing(List<ProductData> products) {
    List<UUID> ids = products.stream().map(product -> UUID.randomUUID()).toList();
    List<Product> created = repository.insertNew(ids, products);
    changes.upsertedAll(created.stream().map(ProductSnapshots::toProto).toList());
    return created.size();
  }

  private Product lockCurrent(UUID id, IfMatch ifMatch) {
    Product current = repository.findForUpdate(id).orElseThrow(() -> notFound(id));
    ifMatch.check(current.version());
    return current;
  }

  private Product save(UUID id, ProductData data) {
    Product saved;
    try {
      saved = repository.update(id, data);
    } catch (DuplicateKeyException taken) {
      throw duplicateSku(data.sku());
    }
    changes.upserted(ProductSnapshots.toProto(saved));
    return saved;
  }

  static ApiException notFound(UUID id) {
    return new ApiException(HttpStatus.NOT_FOUND, "not-found", "No product with id " + id + ".");
  }

  private static ApiException duplicateSku(String sku) {
    return new ApiException(
        HttpStatus.CONFLICT, "duplicate-sku", "Another product already has SKU " + sku + ".");
  }
}
