/**
 * Request filters that answer before Spring parses (body size, malformed paths and media types),
 * the HTTP limits and the OpenAPI document.
 */
@NullMarked
package dev.polyshop.product.web;

import org.jspecify.annotations.NullMarked;
