package dev.boxscore.storage.evaluators;

import java.time.Instant;

/**
 * An evaluator's work on one UTC day.
 *
 * @param lastError the day's latest judge error, "" if none
 * @param lastErrorAt when it happened, null if none
 */
public record JudgeDay(
    long judged, long errors, double costUsd, String lastError, Instant lastErrorAt) {
  public static final JudgeDay NONE = new JudgeDay(0, 0, 0, "", null);
}
