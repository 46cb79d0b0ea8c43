package dev.boxscore.query.api;

import java.time.Instant;

/**
 * A silent model swap: from minute {@code at}, calls asking for {@code requestModel} were answered
 * by another response model or system fingerprint. {@code before}/{@code after} compare the request
 * model's calls over the window before and after that minute.
 */
public record SwapResponse(
    String provider,
    String requestModel,
    Instant at,
    String kind,
    String fromResponseModel,
    String fromSystemFingerprint,
    String toResponseModel,
    String toSystemFingerprint,
    SwapSideResponse before,
    SwapSideResponse after) {}
