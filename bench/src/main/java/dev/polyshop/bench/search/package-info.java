/**
 * The search scenario: the 10,000-product catalog and a seeded mix of thousands of distinct
 * queries.
 */
package dev.polyshop.bench.search;
