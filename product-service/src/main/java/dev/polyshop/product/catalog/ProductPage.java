package dev.polyshop.product.catalog;

import java.util.List;

/** One page of {@code GET /products}; {@code nextCursor} is null on the last page. */
record ProductPage(List<Product> items, String nextCursor) {}
