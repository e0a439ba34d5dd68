/**
 * What the modules' tests share: local image substitution for Testcontainers, raw HTTP and seeded
 * hostile input.
 */
@NullMarked
package dev.polyshop.testing;

import org.jspecify.annotations.NullMarked;
