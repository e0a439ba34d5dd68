/** search-service's configuration, gRPC wiring, health, metrics, start and shutdown. */
@NullMarked
package dev.polyshop.search.system;

import org.jspecify.annotations.NullMarked;
