/**
 * Events derived from the catalog's change feed: price drops, back in stock, changes and deletions,
 * with ids every replica derives alike.
 */
@NullMarked
package dev.polyshop.push.catalog;

import org.jspecify.annotations.NullMarked;
