package dev.polyshop.push.fanout;

import dev.polyshop.push.replay.EventId;
import java.time.Instant;

/** Decides when a stream can serve a resume token: now, later, or never (ahead of the source). */
@FunctionalInterface
public interface ResumeGate {

  /** What to do with a resume. */
  enum Verdict {
    /** Replay from the log now. */
    START,
    /** The source has not reached a point where the log can answer exactly; ask again later. */
    WAIT,
    /** The token is after every id the source has produced. */
    AHEAD
  }

  /** Always serves resumes from the log at once. */
  ResumeGate OPEN = (token, since) -> Verdict.START;

  /**
   * Decides for {@code token}, asked first when the subscriber arrives and again while it waits
   * ({@code since}: when it arrived).
   */
  Verdict check(EventId token, Instant since);
}
