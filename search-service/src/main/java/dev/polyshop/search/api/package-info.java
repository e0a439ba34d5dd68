/**
 * search-service's gRPC surface: Search and Suggest, validation, limits, page tokens and the status
 * of every exception.
 */
@NullMarked
package dev.polyshop.search.api;

import org.jspecify.annotations.NullMarked;
