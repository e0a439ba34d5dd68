/** Published events shared across replicas through a Redis stream. */
package dev.polyshop.push.redis;
