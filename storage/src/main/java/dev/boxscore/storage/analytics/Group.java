package dev.boxscore.storage.analytics;

import java.time.Instant;
import java.util.Map;

/**
 * The key of one aggregate row: the time bucket's start and the value of each grouped dimension
 * (dimensions not grouped by are absent).
 */
public record Group(Instant bucket, Map<Dimension, String> values) {
  /**
   * No bucket and no dimension: the key of figures that are not grouped (one trace's, one call's).
   */
  public static final Group NONE = new Group(Instant.EPOCH, Map.of());

  public Group {
    values = Map.copyOf(values);
  }
}
