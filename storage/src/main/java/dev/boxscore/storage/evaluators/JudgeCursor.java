package dev.boxscore.storage.evaluators;

import java.time.Instant;

/** The last stored call an evaluator's runner read: calls are read in this order. */
public record JudgeCursor(Instant ingestedAt, String traceId, String spanId) {
  /** Before every call stored at or after {@code at}. */
  public static JudgeCursor before(Instant at) {
    return new JudgeCursor(at, "", "");
  }
}
