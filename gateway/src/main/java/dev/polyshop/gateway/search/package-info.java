/**
 * {@code /api/search} and {@code /api/suggest}: JSON in, gRPC to search-service, proto3 JSON out.
 */
@NullMarked
package dev.polyshop.gateway.search;

import org.jspecify.annotations.NullMarked;
