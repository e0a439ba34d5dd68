/**
 * The benchmark harness's command line: one load run, the empty gRPC service, or the whole suite.
 */
package dev.polyshop.bench;
