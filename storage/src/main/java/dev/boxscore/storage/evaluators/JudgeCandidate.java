package dev.boxscore.storage.evaluators;

import java.time.Instant;

/**
 * A stored LLM call an evaluator may judge: what the judge is shown, and what its score is
 * attributed to. Empty strings where the call has no such value.
 *
 * @param input the call's input messages as stored (JSON), "" when not captured
 * @param output its output messages as stored (JSON), "" when not captured
 */
public record JudgeCandidate(
    String traceId,
    String spanId,
    Instant start,
    String service,
    String provider,
    String requestModel,
    String responseModel,
    String promptFingerprint,
    String promptVersion,
    String userId,
    String input,
    String output,
    Instant ingestedAt) {

  public JudgeCursor cursor() {
    return new JudgeCursor(ingestedAt, traceId, spanId);
  }
}
