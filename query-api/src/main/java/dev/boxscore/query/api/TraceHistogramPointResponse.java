package dev.boxscore.query.api;

import java.time.Instant;

/** The traces that started in one bucket and matched the search, and how many had an error. */
public record TraceHistogramPointResponse(Instant time, long traces, long errors) {}
