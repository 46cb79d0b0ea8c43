package dev.boxscore.query.api;

/**
 * Token sums by class (input includes cache reads and writes; output includes reasoning). {@code
 * estimated} is true when some of the counted calls had no reported usage and their tokens are
 * Boxscore's estimate.
 */
public record TokensResponse(
    long input,
    long output,
    long cacheRead,
    long cacheWrite,
    long reasoning,
    boolean estimated,
    long estimatedCalls) {}
