/** Follows product-service's change feed from a stored cursor and hands batches to a listener. */
package dev.polyshop.feed;
