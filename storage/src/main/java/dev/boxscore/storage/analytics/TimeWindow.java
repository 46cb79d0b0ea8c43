package dev.boxscore.storage.analytics;

import java.time.Instant;

/** The instants [from, to). */
public record TimeWindow(Instant from, Instant to) {
  public TimeWindow {
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("from must be before to");
    }
  }
}
