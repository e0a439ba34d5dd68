/** The deterministic 10,000-product demo catalog seeded into an empty database. */
package dev.polyshop.product.seed;
