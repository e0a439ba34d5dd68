/** The empty grpc-java unary service that measures the ceiling of gRPC on this machine. */
@NullMarked
package dev.polyshop.bench.grpc;

import org.jspecify.annotations.NullMarked;
