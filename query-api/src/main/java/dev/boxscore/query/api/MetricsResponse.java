package dev.boxscore.query.api;

import java.time.Instant;
import java.util.List;

/**
 * LLM-call metrics over [from, to) in buckets of {@code bucketSeconds}, one row per bucket and
 * group.
 */
public record MetricsResponse(
    Instant from,
    Instant to,
    long bucketSeconds,
    List<String> groupBy,
    List<MetricsRowResponse> rows) {}
