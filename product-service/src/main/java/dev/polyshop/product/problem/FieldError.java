package dev.polyshop.product.problem;

/**
 * One field-level problem in a request: {@code field} is a JSON path such as {@code
 * price.currency}.
 */
public record FieldError(String field, String message) {}
