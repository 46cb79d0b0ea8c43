package dev.boxscore.query.api;

/** The average of one score over {@code scored} scored calls of one model. */
public record ScoreSideResponse(long scored, double average) {}
