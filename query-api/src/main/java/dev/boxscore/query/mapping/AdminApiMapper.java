package dev.boxscore.query.mapping;

import dev.boxscore.auth.ApiKeyInfo;
import dev.boxscore.auth.Project;
import dev.boxscore.query.api.KeyResponse;
import dev.boxscore.query.api.ProjectResponse;
import java.time.Instant;

/** Projects and keys as the admin API shows them. */
public final class AdminApiMapper {
  private AdminApiMapper() {}

  public static ProjectResponse project(Project p) {
    return new ProjectResponse(p.id(), p.name(), p.retentionDays(), p.createdAt());
  }

  public static KeyResponse key(ApiKeyInfo k, Instant lastUsedAt) {
    return new KeyResponse(
        k.keyId(),
        k.name(),
        k.prefix(),
        k.scopes().stream().map(s -> s.name().toLowerCase(java.util.Locale.ROOT)).sorted().toList(),
        k.requestsPerSecond(),
        k.createdAt(),
        k.revokedAt(),
        lastUsedAt);
  }
}
