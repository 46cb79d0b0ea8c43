package dev.boxscore.query.api;

import java.time.Instant;
import java.util.List;

/** Traces matching a search per bucket of time over [from, to), oldest first, zeros included. */
public record TraceHistogramResponse(
    Instant from, Instant to, long bucketSeconds, List<TraceHistogramPointResponse> points) {}
