/** The catalog of record: Spring MVC on virtual threads over PostgreSQL. */
@NullMarked
package dev.polyshop.product;

import org.jspecify.annotations.NullMarked;
