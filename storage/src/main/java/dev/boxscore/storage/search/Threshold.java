package dev.boxscore.storage.search;

import java.util.Objects;

/** "The trace's {@code measure} {@code relation} {@code value}", e.g. latency over 2,000 ms. */
public record Threshold(Measure measure, Relation relation, double value) {
  public Threshold {
    Objects.requireNonNull(measure, "measure");
    Objects.requireNonNull(relation, "relation");
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("a threshold is a finite number");
    }
  }
}
