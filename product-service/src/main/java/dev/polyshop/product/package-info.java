/** The catalog of record: Spring MVC on virtual threads over PostgreSQL. */
package dev.polyshop.product;
