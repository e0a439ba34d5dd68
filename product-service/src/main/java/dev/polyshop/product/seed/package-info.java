/** The deterministic 10,000-product demo catalog seeded into an empty database. */
@NullMarked
package dev.polyshop.product.seed;

import org.jspecify.annotations.NullMarked;
