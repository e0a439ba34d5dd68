/**
 * Push fan-out measured end to end: many gRPC or SSE subscribers, and the latency from publish to
 * receipt.
 */
@NullMarked
package dev.polyshop.bench.push;

import org.jspecify.annotations.NullMarked;
