package dev.boxscore.storage.scores;

/** One category of a categorical score config, with the number it stands for. */
public record ScoreCategory(String label, double value) {}
