/**
 * The Lucene index: documents, text queries with typo tolerance, filters, sorts, facets and
 * suggestions, committed with its feed cursor.
 */
package dev.polyshop.search.index;
