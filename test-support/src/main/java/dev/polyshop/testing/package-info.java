/**
 * What the modules' tests share: local image substitution for Testcontainers, raw HTTP and seeded
 * hostile input.
 */
package dev.polyshop.testing;
