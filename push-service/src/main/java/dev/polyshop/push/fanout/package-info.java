/**
 * Delivery: subscriptions per topic, the replay and live state of each stream, and its send loop
 * under flow control.
 */
package dev.polyshop.push.fanout;
