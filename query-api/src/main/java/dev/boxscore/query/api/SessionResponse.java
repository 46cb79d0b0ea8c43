package dev.boxscore.query.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * One conversation: its user, traces, LLM calls, cost at the project's prices, and the time from
 * its first call to the end of its last; {@code traceList} (oldest first) only on a single
 * session's answer.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SessionResponse(
    String sessionId,
    String userId,
    long traces,
    long calls,
    BigDecimal costUsd,
    Instant start,
    Instant end,
    double durationMs,
    boolean hasError,
    List<TraceSummaryResponse> traceList) {}
