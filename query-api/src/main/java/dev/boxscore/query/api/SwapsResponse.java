package dev.boxscore.query.api;

import java.time.Instant;
import java.util.List;

/** Silent model swaps seen in [from, to), oldest first. */
public record SwapsResponse(
    Instant from, Instant to, long comparisonWindowSeconds, List<SwapResponse> swaps) {}
