/**
 * The gRPC upstreams: long-lived channels, call metadata, Reactor adapters, the JSON mapping of the
 * contracts and the status-to-HTTP table.
 */
@NullMarked
package dev.polyshop.gateway.upstream;

import org.jspecify.annotations.NullMarked;
