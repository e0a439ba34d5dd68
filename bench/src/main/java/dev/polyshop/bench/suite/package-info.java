/**
 * The suite: starts each implementation pinned to its core, warms it up until steady, measures it,
 * and writes the report and charts.
 */
@NullMarked
package dev.polyshop.bench.suite;

import org.jspecify.annotations.NullMarked;
