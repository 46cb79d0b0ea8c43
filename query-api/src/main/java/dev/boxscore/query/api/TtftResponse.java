package dev.boxscore.query.api;

/**
 * Time-to-first-token quantiles in milliseconds over the {@code calls} streamed calls that reported
 * it.
 */
public record TtftResponse(long calls, Double p50, Double p95) {}
