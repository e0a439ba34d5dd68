/**
 * What the lean gRPC services share: one configuration grammar, gRPC connection settings and the
 * operations port.
 */
package dev.polyshop.kit;
