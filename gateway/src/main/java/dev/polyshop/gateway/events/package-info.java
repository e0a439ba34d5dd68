/** {@code GET /api/events}: push-service's Subscribe stream bridged to Server-Sent Events. */
@NullMarked
package dev.polyshop.gateway.events;

import org.jspecify.annotations.NullMarked;
