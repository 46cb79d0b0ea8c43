package dev.boxscore.query.api;

import java.time.Instant;

/**
 * One score. {@code target} is span, trace or session; {@code value} the number (boolean 1/0, null
 * for text); {@code stringValue} the category, text or "true"/"false"; {@code call} the LLM call it
 * is attributed to, null while that call is not yet known (pending).
 */
public record ScoreResponse(
    String id,
    String target,
    String traceId,
    String spanId,
    String sessionId,
    String responseId,
    String name,
    String dataType,
    Double value,
    String stringValue,
    String comment,
    String source,
    String author,
    String configId,
    Instant timestamp,
    JudgedCallResponse call) {}
