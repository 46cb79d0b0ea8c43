package dev.boxscore.auth;

import java.time.Instant;
import java.util.Set;

/**
 * What is kept of an API key: never the key itself, only its SHA-256 digest and its first
 * characters (so a person can tell keys apart). {@code requestsPerSecond} is the key's own OTLP
 * rate limit, null for the collector's default.
 */
public record ApiKeyInfo(
    String keyId,
    String projectId,
    String name,
    Set<Scope> scopes,
    String digest,
    String prefix,
    Integer requestsPerSecond,
    Instant createdAt,
    Instant revokedAt) {
  public ApiKeyInfo {
    scopes = Set.copyOf(scopes);
  }

  public boolean revoked() {
    return revokedAt != null;
  }

  public Principal principal() {
    return new Principal(projectId, scopes, keyId);
  }
}
