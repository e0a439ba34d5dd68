/** Published events shared across replicas through a Redis stream. */
@NullMarked
package dev.polyshop.push.redis;

import org.jspecify.annotations.NullMarked;
