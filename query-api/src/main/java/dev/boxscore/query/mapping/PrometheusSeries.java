package dev.boxscore.query.mapping;

import dev.boxscore.storage.analytics.TokenSums;
import java.math.BigDecimal;

/**
 * The counters of one (service, provider, model) series; {@code costUsd} is null when none of its
 * calls could be priced (the series is then left out of the cost counter, never shown as $0).
 */
public record PrometheusSeries(
    String service,
    String provider,
    String model,
    long calls,
    long errors,
    TokenSums tokens,
    BigDecimal costUsd,
    long unpricedCalls) {}
