package dev.boxscore.query.api;

/** One evaluation score of both models: null on a side whose calls have no such score. */
public record ScoreComparisonResponse(String name, ScoreSideResponse a, ScoreSideResponse b) {}
