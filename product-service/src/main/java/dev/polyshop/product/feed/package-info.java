/**
 * The change feed: events written with each change, sequenced after commit, served by long-poll and
 * compacted.
 */
@NullMarked
package dev.polyshop.product.feed;

import org.jspecify.annotations.NullMarked;
