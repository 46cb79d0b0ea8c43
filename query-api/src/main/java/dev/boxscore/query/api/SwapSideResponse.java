package dev.boxscore.query.api;

import java.math.BigDecimal;

/** The request model's calls on one side of a swap. */
public record SwapSideResponse(
    long calls,
    Double latencyP50Ms,
    Double latencyP95Ms,
    BigDecimal costPerCallUsd,
    Double outputTokensPerCall,
    double errorRate) {}
