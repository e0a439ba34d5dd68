/**
 * Traces, off unless an OTLP endpoint or a trace file is configured: a SERVER span per request that
 * continues the caller's W3C trace, a CLIENT span per SQL statement run inside one, and the
 * request's trace and span ids on its log lines.
 */
@NullMarked
package dev.polyshop.product.tracing;

import org.jspecify.annotations.NullMarked;
