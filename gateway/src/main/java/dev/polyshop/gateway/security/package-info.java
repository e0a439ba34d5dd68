/**
 * Authentication at the edge: JWT validation, write scopes, the caller header forwarded upstream,
 * and the development token.
 */
package dev.polyshop.gateway.security;
