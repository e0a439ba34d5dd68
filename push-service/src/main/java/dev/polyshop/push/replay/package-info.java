/** The bounded replay log and the event id and resume token grammar. */
package dev.polyshop.push.replay;
