/**
 * Hand-written companions of the generated push contract: the topic vocabulary shared by push-
 * service and the gateway.
 */
@NullMarked
package dev.polyshop.push.v1;

import org.jspecify.annotations.NullMarked;
