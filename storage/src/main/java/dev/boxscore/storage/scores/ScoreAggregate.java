package dev.boxscore.storage.scores;

import dev.boxscore.storage.analytics.Dimension;
import java.time.Instant;
import java.util.Map;

/**
 * One score name's aggregate in one group and period.
 *
 * @param group the value of each group-by dimension
 * @param period the bucket's start; null when the question has no buckets
 * @param scored how many scores
 * @param average the average of the numbers (a boolean's is its share true); null if none
 * @param labels how many scores carry each label (categories; "true"/"false" for booleans)
 */
public record ScoreAggregate(
    String name,
    ScoreDataType dataType,
    Map<Dimension, String> group,
    Instant period,
    long scored,
    Double average,
    Map<String, Long> labels) {}
