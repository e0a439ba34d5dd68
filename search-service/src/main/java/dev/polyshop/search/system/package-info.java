/** search-service's configuration, gRPC wiring, health, metrics, start and shutdown. */
package dev.polyshop.search.system;
