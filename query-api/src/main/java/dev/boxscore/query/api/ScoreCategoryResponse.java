package dev.boxscore.query.api;

/** One category of a categorical score config and the number it stands for. */
public record ScoreCategoryResponse(String label, double value) {}
