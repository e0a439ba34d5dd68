/**
 * The products REST API: validation, merge patch, optimistic concurrency, idempotent creation,
 * cursor pages and the repository.
 */
@NullMarked
package dev.polyshop.product.catalog;

import org.jspecify.annotations.NullMarked;
