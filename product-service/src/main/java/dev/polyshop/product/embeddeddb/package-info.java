/**
 * The embedded PostgreSQL that serves when no datasource is configured, and the clean-up of one
 * left running by a killed process.
 */
@NullMarked
package dev.polyshop.product.embeddeddb;

import org.jspecify.annotations.NullMarked;
