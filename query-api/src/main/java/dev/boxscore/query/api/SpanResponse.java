package dev.boxscore.query.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;

/** One span of a trace; {@code llm} is null for spans that are not LLM calls. */
public record SpanResponse(
    String spanId,
    String parentSpanId,
    String name,
    String service,
    String kind,
    Instant startTime,
    double durationMs,
    String status,
    String statusMessage,
    String scopeName,
    Map<String, String> attributes,
    Map<String, String> resourceAttributes,
    JsonNode events,
    LlmResponse llm) {}
