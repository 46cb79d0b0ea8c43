package dev.boxscore.storage.evaluators;

import java.time.Instant;

/**
 * What one round of an evaluator's runner did, appended to its day.
 *
 * @param lastError the round's last judge error, "" if none
 * @param cursor where the round stopped reading
 */
public record JudgeRound(
    Instant at, int judged, int errors, double costUsd, String lastError, JudgeCursor cursor) {}
