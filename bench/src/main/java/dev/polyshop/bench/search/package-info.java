/**
 * The search scenario: the 10,000-product catalog and a seeded mix of thousands of distinct
 * queries.
 */
@NullMarked
package dev.polyshop.bench.search;

import org.jspecify.annotations.NullMarked;
