package dev.boxscore.query.api;

import java.util.List;

/**
 * A whole trace: its spans in start order, and the scores of the trace and of its calls (each names
 * its span, or none when it judges the whole trace).
 */
public record TraceResponse(String traceId, List<SpanResponse> spans, List<ScoreResponse> scores) {}
