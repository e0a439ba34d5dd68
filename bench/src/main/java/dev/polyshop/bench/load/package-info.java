/**
 * The load generator: HTTP/1.1 keep-alive and gRPC unary load, closed-loop saturation and open-
 * model fixed rates, latency from the intended send time.
 */
package dev.polyshop.bench.load;
