/**
 * The error contract: every error as RFC 9457 problem+json, from the controller advice, the request
 * filters and Tomcat's error valve alike.
 */
@NullMarked
package dev.polyshop.product.problem;

import org.jspecify.annotations.NullMarked;
