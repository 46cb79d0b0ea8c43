package dev.boxscore.query.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A drift check of one subject: its current window against its baseline windows. */
public record DriftResponse(
    Map<String, String> subject,
    Instant currentFrom,
    Instant currentTo,
    List<Instant[]> baselineWindows,
    double alpha,
    int minSamples,
    double minRelativeChange,
    double scoreMinRelativeChange,
    boolean drifted,
    List<DriftMetricResponse> metrics) {}
