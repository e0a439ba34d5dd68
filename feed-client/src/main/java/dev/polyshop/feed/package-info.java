/** Follows product-service's change feed from a stored cursor and hands batches to a listener. */
@NullMarked
package dev.polyshop.feed;

import org.jspecify.annotations.NullMarked;
