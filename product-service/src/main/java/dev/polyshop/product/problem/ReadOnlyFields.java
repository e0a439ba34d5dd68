package dev.polyshop.product.problem;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the server-owned fields of a resource that a request body type leaves out on purpose, so
 * that sending one is reported as "is read-only" rather than as an unknown field.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ReadOnlyFields {
  String[] value();
}
