package dev.boxscore.query.api;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * What a price change would do to the cost of [from, to): the calls it would price, the cost now
 * and with the change.
 */
public record PricePreviewResponse(
    Instant from,
    Instant to,
    long calls,
    BigDecimal currentCostUsd,
    BigDecimal newCostUsd,
    BigDecimal changeUsd) {}
