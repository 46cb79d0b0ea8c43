package dev.boxscore.storage.analytics;

import java.time.Instant;
import java.util.Map;

/**
 * The key of one aggregate row: the time bucket's start and the value of each grouped dimension
 * (dimensions not grouped by are absent).
 */
public record Group(Instant bucket, Map<Dimension, String> values) {
  public Group {
    values = Map.copyOf(values);
  }
}
