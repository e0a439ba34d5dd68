/**
 * The load generator: HTTP/1.1 keep-alive and gRPC unary load, closed-loop saturation and open-
 * model fixed rates, latency from the intended send time.
 */
@NullMarked
package dev.polyshop.bench.load;

import org.jspecify.annotations.NullMarked;
