/**
 * The edge: Spring Cloud Gateway routing to product-service over REST and to search and push over
 * gRPC.
 */
@NullMarked
package dev.polyshop.gateway;

import org.jspecify.annotations.NullMarked;
