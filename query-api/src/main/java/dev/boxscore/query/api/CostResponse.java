package dev.boxscore.query.api;

import java.math.BigDecimal;
import java.util.Set;

/**
 * Cost in USD of the priced calls, computed now from stored tokens and the price valid on each
 * call's day. {@code usd} is null when no call could be priced (never 0 for unknown models); {@code
 * unpricedCalls} had no price (their models are listed) or no token counts; {@code estimated} is
 * true when estimated tokens are part of the cost.
 */
public record CostResponse(
    BigDecimal usd,
    long pricedCalls,
    long unpricedCalls,
    Set<String> unpricedModels,
    boolean estimated,
    BigDecimal usdPerPricedCall) {}
