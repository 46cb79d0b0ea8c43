package dev.boxscore.storage;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * One trace in a listing.
 *
 * @param costUsd the summed cost of its priced LLM calls; null when it has LLM calls and none of them is priced
 * @param unpricedCalls LLM calls whose model has no known price (or whose tokens are estimated: never billed)
 * @param estimatedCalls LLM calls whose provider reported no usage, with tokens estimated by Boxscore
 */
public record TraceSummary(
    String traceId,
    String service,
    String rootName,
    Instant startTime,
    long durationNanos,
    long spanCount,
    long llmCalls,
    long inputTokens,
    long outputTokens,
    BigDecimal costUsd,
    long unpricedCalls,
    long estimatedCalls,
    List<String> models,
    boolean hasError) {}
