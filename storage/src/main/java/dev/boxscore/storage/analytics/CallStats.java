package dev.boxscore.storage.analytics;

import java.util.Map;

/**
 * Aggregates of the calls of one {@link Group}. Quantiles come from merged t-digests (relative
 * error about 1%); a quantile is null when no call had the value.
 *
 * @param usageCalls calls whose provider reported token usage
 * @param estimatedCalls calls whose tokens Boxscore estimated from their content
 * @param latencyMs p50, p90, p95, p99 of the call duration in milliseconds
 * @param ttftMs p50, p95 of time to first token in milliseconds, over {@code ttftCalls} calls
 * @param finishReasons how often each finish reason was reported
 */
public record CallStats(
    Group group,
    long calls,
    long errors,
    long usageCalls,
    long estimatedCalls,
    TokenSums tokens,
    double durationSumMs,
    Double[] latencyMs,
    long ttftCalls,
    Double[] ttftMs,
    Map<String, Long> finishReasons) {}
