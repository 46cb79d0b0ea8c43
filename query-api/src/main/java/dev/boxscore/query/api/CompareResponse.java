package dev.boxscore.query.api;

import java.time.Instant;

/**
 * Two models side by side over [from, to). Score averages are null while no evaluation scores are recorded
 * ({@code scoresNote} says so).
 */
public record CompareResponse(
    Instant from, Instant to, MetricsRowResponse a, MetricsRowResponse b, String aModel, String bModel,
    Double aScoreAverage, Double bScoreAverage, String scoresNote) {}
