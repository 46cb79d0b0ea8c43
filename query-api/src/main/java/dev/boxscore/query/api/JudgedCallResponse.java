package dev.boxscore.query.api;

import java.time.Instant;

/** The LLM call a score is attributed to (its service, model, prompt and user). */
public record JudgedCallResponse(
    Instant start,
    String spanId,
    String service,
    String provider,
    String requestModel,
    String responseModel,
    String promptFingerprint,
    String promptVersion,
    String userId) {}
