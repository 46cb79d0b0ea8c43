package dev.boxscore.query.api;

import java.time.Instant;
import java.util.List;

/**
 * One prompt fingerprint / version over a range: when it was first and last seen (minute
 * precision), its calls' figures (cost priced now, as in /metrics) and scores. {@code fingerprint}
 * or {@code version} is null when the calls did not name it; {@code name} is the prompt name the
 * calls carried ({@code gen_ai.prompt.name}, {@code traceloop.prompt.key}), null if none.
 */
public record PromptVersionResponse(
    String fingerprint,
    String version,
    String name,
    Instant firstSeen,
    Instant lastSeen,
    long calls,
    long errors,
    double errorRate,
    TokensResponse tokens,
    CostResponse cost,
    LatencyResponse latencyMs,
    Double outputTokensPerCall,
    List<PromptScoreResponse> scores) {}
