/**
 * The proxied product routes: their circuit breaker and the internal paths that never leave the
 * cluster.
 */
@NullMarked
package dev.polyshop.gateway.products;

import org.jspecify.annotations.NullMarked;
