/**
 * Delivery: subscriptions per topic, the replay and live state of each stream, and its send loop
 * under flow control.
 */
@NullMarked
package dev.polyshop.push.fanout;

import org.jspecify.annotations.NullMarked;
