package dev.boxscore.query.api;

import java.util.List;

/** A whole trace: its spans in start order. */
public record TraceResponse(String traceId, List<SpanResponse> spans) {}
