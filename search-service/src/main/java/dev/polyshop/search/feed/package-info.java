/** Applies the change feed to the index, by version. */
@NullMarked
package dev.polyshop.search.feed;

import org.jspecify.annotations.NullMarked;
