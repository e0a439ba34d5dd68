/**
 * The Java command-line client of the search and push contracts, with the grammar the Python and Go
 * clients share.
 */
@NullMarked
package dev.polyshop.client;

import org.jspecify.annotations.NullMarked;
