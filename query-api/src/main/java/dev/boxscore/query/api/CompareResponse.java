package dev.boxscore.query.api;

import java.time.Instant;
import java.util.List;

/**
 * Two models side by side over [from, to), with the average of each evaluation score
 * (gen_ai.evaluation.result) recorded for their calls; {@code scoresNote} says why {@code scores}
 * is empty when it is.
 */
public record CompareResponse(
    Instant from,
    Instant to,
    MetricsRowResponse a,
    MetricsRowResponse b,
    String aModel,
    String bModel,
    List<ScoreComparisonResponse> scores,
    String scoresNote) {}
