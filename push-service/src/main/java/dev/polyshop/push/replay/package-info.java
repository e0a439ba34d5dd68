/** The bounded replay log and the event id and resume token grammar. */
@NullMarked
package dev.polyshop.push.replay;

import org.jspecify.annotations.NullMarked;
