/**
 * Request filters that answer before Spring parses (body size, malformed paths and media types),
 * the HTTP limits and the OpenAPI document.
 */
package dev.polyshop.product.web;
