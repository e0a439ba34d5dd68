/** Resource use read from {@code /proc}: CPU time and peak RSS of a process tree, and JVM heap. */
@NullMarked
package dev.polyshop.bench.proc;

import org.jspecify.annotations.NullMarked;
