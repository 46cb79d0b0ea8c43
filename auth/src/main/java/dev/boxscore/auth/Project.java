package dev.boxscore.auth;

import java.time.Instant;
import java.util.Objects;

/**
 * A project: the unit every span, key and query belongs to. Spans are kept {@code retentionDays}
 * days.
 */
public record Project(String id, String name, int retentionDays, Instant createdAt) {
  public static final int DEFAULT_RETENTION_DAYS = 30;
  public static final int MAX_RETENTION_DAYS = 3650;

  public Project {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    if (retentionDays < 1 || retentionDays > MAX_RETENTION_DAYS) {
      throw new IllegalArgumentException("retentionDays must be 1 to " + MAX_RETENTION_DAYS);
    }
  }
}
