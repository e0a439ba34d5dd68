package dev.polyshop.product.catalog;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** One page of {@code GET /products}; {@code nextCursor} is null on the last page. */
record ProductPage(List<Product> items, @Nullable String nextCursor) {}
