/**
 * The products REST API: validation, merge patch, optimistic concurrency, idempotent creation,
 * cursor pages and the repository.
 */
package dev.polyshop.product.catalog;
