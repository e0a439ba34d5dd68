/**
 * The Java peer of the article's benchmark: {@code /ping}, {@code /fib/{n}} and the I/O endpoint on
 * Reactor Netty alone.
 */
@NullMarked
package dev.polyshop.bench.peer;

import org.jspecify.annotations.NullMarked;
