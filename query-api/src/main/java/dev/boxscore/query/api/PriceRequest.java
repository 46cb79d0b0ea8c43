package dev.boxscore.query.api;

import java.math.BigDecimal;

/**
 * A project price to add or replace (same provider, model and effectiveFrom replaces). USD per 1M
 * tokens; null cacheRead/cacheWrite fall back to input, null reasoning bills reasoning as output.
 * anyProvider: also applies when another provider serves the model.
 */
public record PriceRequest(
    String provider,
    String model,
    Boolean anyProvider,
    BigDecimal input,
    BigDecimal output,
    BigDecimal cacheRead,
    BigDecimal cacheWrite,
    BigDecimal reasoning,
    String effectiveFrom,
    String source) {}
