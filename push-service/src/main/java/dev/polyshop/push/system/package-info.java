/** push-service's configuration, wiring, ports, health, metrics and graceful shutdown. */
@NullMarked
package dev.polyshop.push.system;

import org.jspecify.annotations.NullMarked;
