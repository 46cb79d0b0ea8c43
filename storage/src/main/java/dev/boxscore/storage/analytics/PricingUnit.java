package dev.boxscore.storage.analytics;

import java.time.LocalDate;

/**
 * Token sums of the calls of one {@link Group} that share what a price is looked up by: provider,
 * request and response model and the UTC day. {@code tokenCalls} is how many of the calls have
 * token counts (reported or estimated); the others cannot be priced. {@code errors} lets a
 * usage-only answer give error rates without the latency aggregates.
 */
public record PricingUnit(
    Group group,
    String provider,
    String requestModel,
    String responseModel,
    LocalDate day,
    long calls,
    long errors,
    long tokenCalls,
    long estimatedCalls,
    TokenSums tokens) {}
