/**
 * The edge: Spring Cloud Gateway routing to product-service over REST and to search and push over
 * gRPC.
 */
package dev.polyshop.gateway;
