/**
 * The Lucene index: documents, text queries with typo tolerance, filters, sorts, facets and
 * suggestions, committed with its feed cursor.
 */
@NullMarked
package dev.polyshop.search.index;

import org.jspecify.annotations.NullMarked;
