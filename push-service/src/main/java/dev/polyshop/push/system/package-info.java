/** push-service's configuration, wiring, ports, health, metrics and graceful shutdown. */
package dev.polyshop.push.system;
