/**
 * Rate limits per client, in memory or in Redis, failing open, for proxied routes and bridges
 * alike.
 */
package dev.polyshop.gateway.ratelimit;
