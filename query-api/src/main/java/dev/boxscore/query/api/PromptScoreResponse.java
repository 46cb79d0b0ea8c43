package dev.boxscore.query.api;

import java.util.Map;

/**
 * One score's aggregate over a prompt version's calls: how many, the average of the numbers (a
 * boolean's is its share true; null for categories without numbers) and each label's count.
 */
public record PromptScoreResponse(
    String name, String dataType, long scored, Double average, Map<String, Long> labels) {}
