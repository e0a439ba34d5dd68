/**
 * The edge's own request filters and routes: request ids, access log, client addresses, CORS,
 * header, body and query checks, and {@code /api/ping}.
 */
@NullMarked
package dev.polyshop.gateway.edge;

import org.jspecify.annotations.NullMarked;
