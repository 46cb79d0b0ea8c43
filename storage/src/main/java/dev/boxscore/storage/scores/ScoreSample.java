package dev.boxscore.storage.scores;

import java.time.Instant;

/** One score of a drift sample: its number (null for a category without one) and label. */
public record ScoreSample(
    String name, ScoreDataType dataType, Double value, String label, Instant callTime) {}
