/**
 * Native gRPC on the TLS port: the public methods of search and push forwarded byte for byte, with
 * the edge's authentication, rate limit and topic policy.
 */
@NullMarked
package dev.polyshop.gateway.passthrough;

import org.jspecify.annotations.NullMarked;
