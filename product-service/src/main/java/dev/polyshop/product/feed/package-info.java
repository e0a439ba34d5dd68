/**
 * The change feed: events written with each change, sequenced after commit, served by long-poll and
 * compacted.
 */
package dev.polyshop.product.feed;
