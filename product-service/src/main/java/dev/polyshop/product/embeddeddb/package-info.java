/**
 * The embedded PostgreSQL that serves when no datasource is configured, and the clean-up of one
 * left running by a killed process.
 */
package dev.polyshop.product.embeddeddb;
