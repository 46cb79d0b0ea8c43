package dev.boxscore.storage.analytics;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A price a project set for itself, USD per 1M tokens (see dev.boxscore.model.pricing.ModelPrice
 * for the meaning of each field; null optional prices fall back to the input or output price).
 */
public record ProjectPrice(
    String provider,
    String modelPattern,
    boolean anyProvider,
    BigDecimal inputPerMillion,
    BigDecimal outputPerMillion,
    BigDecimal cacheReadPerMillion,
    BigDecimal cacheWritePerMillion,
    BigDecimal reasoningPerMillion,
    LocalDate effectiveFrom,
    String source) {}
