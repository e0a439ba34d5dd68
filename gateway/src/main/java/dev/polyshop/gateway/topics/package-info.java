/** Who may read which push topic, the one rule behind SSE and native Subscribe. */
package dev.polyshop.gateway.topics;
