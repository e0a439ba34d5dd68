/** Applies the change feed to the index, by version. */
package dev.polyshop.search.feed;
