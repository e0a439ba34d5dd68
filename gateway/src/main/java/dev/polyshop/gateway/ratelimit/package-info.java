/**
 * Rate limits per client, in memory or in Redis, failing open, for proxied routes and bridges
 * alike.
 */
@NullMarked
package dev.polyshop.gateway.ratelimit;

import org.jspecify.annotations.NullMarked;
