/**
 * The proxied product routes: their circuit breaker and the internal paths that never leave the
 * cluster.
 */
package dev.polyshop.gateway.products;
