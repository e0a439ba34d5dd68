/**
 * Authentication at the edge: JWT validation, write scopes, the caller header forwarded upstream,
 * and the development token.
 */
@NullMarked
package dev.polyshop.gateway.security;

import org.jspecify.annotations.NullMarked;
