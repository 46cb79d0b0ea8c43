package dev.boxscore.query.api;

import java.time.Instant;
import java.util.List;

/**
 * Real traffic of [from, to) re-priced as if it had used {@code targetModel} served by {@code
 * targetProvider}; {@code assumption} states how. {@code targetProviderChosenBy} says why that
 * provider: {@code target_provider} (asked for), {@code project price} or {@code built-in price}
 * (the one provider pricing the model, the project's own prices first, or the model maker's list
 * price); {@code targetPrices} are the target's prices applied, each with its origin ({@code
 * project} or {@code built-in}) and effective date.
 */
public record WhatIfResponse(
    Instant from,
    Instant to,
    String targetModel,
    String targetProvider,
    String assumption,
    List<WhatIfRowResponse> services,
    WhatIfRowResponse total,
    String targetProviderChosenBy,
    List<PriceResponse> targetPrices) {}
