/**
 * The gateway's error contract: every error, including those written below its code, as RFC 9457
 * problem+json.
 */
@NullMarked
package dev.polyshop.gateway.problem;

import org.jspecify.annotations.NullMarked;
