package dev.boxscore.query.api;

/**
 * Call duration quantiles in milliseconds (t-digest, relative error about 1%); null without calls.
 */
public record LatencyResponse(Double p50, Double p90, Double p95, Double p99, Double mean) {}
