package dev.boxscore.query.api;

import java.util.List;

/**
 * A page of traces, newest first; pass {@code nextCursor} as {@code cursor} for the next page (null
 * at the end).
 */
public record TraceListResponse(List<TraceSummaryResponse> traces, String nextCursor) {}
