/** Resource use read from {@code /proc}: CPU time and peak RSS of a process tree, and JVM heap. */
package dev.polyshop.bench.proc;
