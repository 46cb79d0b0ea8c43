package dev.boxscore.query.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * One trace in a listing. {@code costUsd} is null when the trace has LLM calls and none of them has
 * a known price ("unpriced"); {@code unpricedCalls} counts the LLM calls without a price; {@code
 * estimatedCalls} those whose tokens Boxscore estimated because the provider reported no usage.
 * {@code userId} and {@code sessionId} are null when no span names one; {@code match} is where a
 * full-text search found the trace (null without one).
 */
public record TraceSummaryResponse(
    String traceId,
    String service,
    String rootName,
    Instant startTime,
    double durationMs,
    long spanCount,
    long llmCalls,
    long inputTokens,
    long outputTokens,
    BigDecimal costUsd,
    long unpricedCalls,
    long estimatedCalls,
    List<String> models,
    boolean hasError,
    String userId,
    String sessionId,
    SearchMatchResponse match) {}
