package dev.boxscore.query.service.judge;

/**
 * A judge's answer read as a score: {@code value} for numbers and booleans (1/0), {@code label} for
 * categories and booleans ("true"/"false"), and the judge's explanation ("" if none).
 */
record Verdict(Double value, String label, String explanation) {}
