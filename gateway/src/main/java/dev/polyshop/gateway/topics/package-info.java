/** Who may read which push topic, the one rule behind SSE and native Subscribe. */
@NullMarked
package dev.polyshop.gateway.topics;

import org.jspecify.annotations.NullMarked;
