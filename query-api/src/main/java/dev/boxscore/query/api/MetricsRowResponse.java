package dev.boxscore.query.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Map;

/**
 * The figures of one time bucket and group. {@code group} holds the value of each grouped
 * dimension. {@code outputTokensPerCall} is over the calls with token counts. {@code scores}: the
 * scores of the row's calls by name, when asked for ({@code fields=…,scores}); absent otherwise.
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
    Map<String, Long> finishReasons,
    @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, ScoreSummaryResponse> scores) {
  /** The same row with the scores of its calls, by score name. */
  public MetricsRowResponse withScores(Map<String, ScoreSummaryResponse> byName) {
    return new MetricsRowResponse(
        bucket,
        group,
        calls,
        errors,
        errorRate,
        tokens,
        cost,
        latencyMs,
        ttftMs,
        outputTokensPerCall,
        finishReasons,
        byName);
  }
}
