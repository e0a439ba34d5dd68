/** The empty grpc-java unary service that measures the ceiling of gRPC on this machine. */
package dev.polyshop.bench.grpc;
