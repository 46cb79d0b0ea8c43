package dev.boxscore.query.api;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A price, USD per 1M tokens; {@code origin} is {@code built-in} or {@code project}. */
public record PriceResponse(
    String origin,
    String provider,
    String model,
    boolean anyProvider,
    BigDecimal input,
    BigDecimal output,
    BigDecimal cacheRead,
    BigDecimal cacheWrite,
    BigDecimal reasoning,
    LocalDate effectiveFrom,
    String source) {}
