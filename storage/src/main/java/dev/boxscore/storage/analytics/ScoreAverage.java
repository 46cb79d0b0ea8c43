package dev.boxscore.storage.analytics;

/**
 * The average of one evaluation score ({@code gen_ai.evaluation.name}) over {@code scored} scored
 * calls.
 */
public record ScoreAverage(String name, long scored, double average) {}
