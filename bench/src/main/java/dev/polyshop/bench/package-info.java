/**
 * The benchmark harness's command line: one load run, the empty gRPC service, or the whole suite.
 */
@NullMarked
package dev.polyshop.bench;

import org.jspecify.annotations.NullMarked;
