package dev.polyshop.product.catalog;

import dev.polyshop.product.problem.ApiException;
import dev.polyshop.product.problem.QueryParameters;
import java.net.URI;
import java.util.OptionalLong;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** The catalog's REST resource, {@code /products}. */
@RestController
@RequestMapping(path = "/products", produces = MediaType.APPLICATION_JSON_VALUE)
class ProductController {

  static final String MERGE_PATCH_JSON = "application/merge-patch+json";
  static final int DEFAULT_LIMIT = 20;
  static final int MAX_LIMIT = 100;

  private final ProductService products;

  /**
   * Who is calling: the gateway sets it to the verified token's subject (and drops any value a
   * client sent); it scopes {@code Idempotency-Key}s. Only the gateway reaches this service.
   */
  static final String CALLER = "Polyshop-Caller";

  private final IdempotentCreate idempotentCreate;

  ProductController(ProductService products, IdempotentCreate idempotentCreate) {
    this.products = products;
    this.idempotentCreate = idempotentCreate;
  }

  @GetMapping
  ProductPage list(
      @RequestParam(required = false) String category,
      @RequestParam(required = false) String cursor,
      @RequestParam(required = false) String limit) {
    QueryParameters params = new QueryParameters();
    long pageSize = params.integer("limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT);
    long after = 0;
    if (cursor != null && !cursor.isEmpty()) {
      OptionalLong decoded = PageCursor.decode(cursor);
      if (decoded.isEmpty()) {
        params.reject("cursor", "is not a cursor returned by this API");
      }
      after = decoded.orElse(0);
    }
    if (category != null && category.length() > ProductValidator.MAX_LABEL) {
      params.reject("category", "must be at most " + ProductValidator.MAX_LABEL + " characters");
    } else if (category != null && category.indexOf('\0') >= 0) {
      params.reject("category", ProductValidator.NO_NUL);
    }
    params.validate();
    String categoryFilter = category == null || category.isEmpty() ? null : category;
    return products.list(categoryFilter, after, (int) pageSize);
  }

  @GetMapping("/{id}")
  ResponseEntity<Product> get(@PathVariable String id) {
    return withEtag(ResponseEntity.ok(), products.get(parseId(id)));
  }

  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Product> create(
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
      @RequestHeader(name = CALLER, defaultValue = "") String caller,
      @RequestBody ProductInput body) {
    ProductData data = ProductValidator.validate(body);
    if (idempotencyKey == null) {
      Product created = products.create(data);
      return withEtag(ResponseEntity.created(location(created)), created);
    }
    return idempotentCreate.createOnce(caller, idempotencyKey, data, () -> products.create(data));
  }

  @PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Product> replace(
      @PathVariable String id,
      @RequestHeader(name = "If-Match", required = false) String ifMatch,
      @RequestBody ProductInput body) {
    UUID productId = parseId(id);
    IfMatch precondition = IfMatch.parse(ifMatch);
    ProductData data = ProductValidator.validate(body);
    return withEtag(ResponseEntity.ok(), products.replace(productId, precondition, data));
  }

  @PatchMapping(path = "/{id}", consumes = MERGE_PATCH_JSON)
  ResponseEntity<Product> patch(
      @PathVariable String id,
      @RequestHeader(name = "If-Match", required = false) String ifMatch,
      @RequestBody JsonNode mergePatch) {
    UUID productId = parseId(id);
    IfMatch precondition = IfMatch.parse(ifMatch);
    return withEtag(ResponseEntity.ok(), products.patch(productId, precondition, mergePatch));
  }

  @DeleteMapping("/{id}")
  ResponseEntity<Void> delete(
      @PathVariable String id, @RequestHeader(name = "If-Match", required = false) String ifMatch) {
    UUID productId = parseId(id);
    products.delete(productId, IfMatch.parse(ifMatch));
    return ResponseEntity.noContent().build();
  }

  private static ResponseEntity<Product> withEtag(
      ResponseEntity.BodyBuilder response, Product product) {
    return response.eTag(IfMatch.etag(product.version())).body(product);
  }

  private static URI location(Product product) {
    return URI.create("/products/" + product.id());
  }

  /** Anything that is not a UUID names no product: 404, like an unknown UUID. */
  private static UUID parseId(String id) {
    try {
      if (id.length() == 36) {
        return UUID.fromString(id);
      }
    } catch (IllegalArgumentException notAUuid) {
      // fall through
    }
    throw new ApiException(HttpStatus.NOT_FOUND, "not-found", "No product with that id.");
  }
}
