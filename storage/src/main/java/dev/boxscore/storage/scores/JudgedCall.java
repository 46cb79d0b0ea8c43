package dev.boxscore.storage.scores;

import java.time.Instant;

/**
 * The call a score is attributed to, once known: a span score's span, a trace score's last LLM
 * call, the call a response id names. Empty strings where the call has no such value.
 */
public record JudgedCall(
    Instant start,
    String spanId,
    String service,
    String provider,
    String requestModel,
    String responseModel,
    String promptFingerprint,
    String promptVersion,
    String userId) {}
