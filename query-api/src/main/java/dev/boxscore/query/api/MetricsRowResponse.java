package dev.boxscore.query.api;

import java.time.Instant;
import java.util.Map;

/**
 * The figures of one time bucket and group. {@code group} holds the value of each grouped
 * dimension. {@code outputTokensPerCall} is over the calls with token counts.
 */
public record MetricsRowResponse(
    Instant bucket,
    Map<String, String> group,
    long calls,
    long errors,
    double errorRate,
    TokensResponse tokens,
    CostResponse cost,
    LatencyResponse latencyMs,
    TtftResponse ttftMs,
    Double outputTokensPerCall,
    Map<String, Long> finishReasons) {}
