package dev.boxscore.query.api;

import java.util.Map;

/**
 * One score name's figures in a metrics row: how many, the average (a boolean's is its share true;
 * null for categories without numbers) and the count of each label.
 */
public record ScoreSummaryResponse(
    String dataType, long scored, Double average, Map<String, Long> labels) {}
