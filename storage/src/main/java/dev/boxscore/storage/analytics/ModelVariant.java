package dev.boxscore.storage.analytics;

import java.time.Instant;

/**
 * One (response model, system fingerprint) that answered a request model, with the first and last
 * minute it was seen in the range asked and its call count there.
 */
public record ModelVariant(
    String provider,
    String requestModel,
    String responseModel,
    String systemFingerprint,
    Instant firstMinute,
    Instant lastMinute,
    long calls) {}
