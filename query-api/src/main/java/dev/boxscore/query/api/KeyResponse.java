package dev.boxscore.query.api;

import java.time.Instant;
import java.util.List;

/** An API key as listed: never the key itself, only its first characters. */
public record KeyResponse(
    String keyId,
    String name,
    String prefix,
    List<String> scopes,
    Integer requestsPerSecond,
    Instant createdAt,
    Instant revokedAt,
    Instant lastUsedAt) {}
