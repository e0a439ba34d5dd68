/**
 * push-service's gRPC surface: Subscribe and Publish, request validation, publisher authentication,
 * ports and the status of every exception.
 */
@NullMarked
package dev.polyshop.push.api;

import org.jspecify.annotations.NullMarked;
