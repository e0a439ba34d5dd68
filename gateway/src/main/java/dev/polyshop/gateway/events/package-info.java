/** {@code GET /api/events}: push-service's Subscribe stream bridged to Server-Sent Events. */
package dev.polyshop.gateway.events;
