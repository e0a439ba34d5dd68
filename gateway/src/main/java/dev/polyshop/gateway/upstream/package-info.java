/**
 * The gRPC upstreams: long-lived channels, call metadata, Reactor adapters, the JSON mapping of the
 * contracts and the status-to-HTTP table.
 */
package dev.polyshop.gateway.upstream;
