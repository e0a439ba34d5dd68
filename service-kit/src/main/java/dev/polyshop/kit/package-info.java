/**
 * What the services share: for the lean gRPC services one configuration grammar, gRPC connection
 * settings and the operations port; for every service the strict query-string decoding.
 */
@NullMarked
package dev.polyshop.kit;

import org.jspecify.annotations.NullMarked;
