package dev.boxscore.loadgen;

/**
 * Stored against acknowledged. The acknowledged figure is a range only when a partial success
 * rejected spans without saying which: then any count within it is right.
 */
public record CountCheck(long expectedLow, long expectedHigh, long stored) {
  public CountCheck {
    if (expectedLow > expectedHigh) {
      throw new IllegalArgumentException("expected range " + expectedLow + ".." + expectedHigh);
    }
  }

  static CountCheck exactly(long expected, long stored) {
    return new CountCheck(expected, expected, stored);
  }

  /** Acknowledged but not stored. */
  public long lost() {
    return Math.max(0, expectedLow - stored);
  }

  /** Stored more often than acknowledged: duplicates (the rollups count every insert). */
  public long excess() {
    return Math.max(0, stored - expectedHigh);
  }

  public boolean ok() {
    return lost() == 0 && excess() == 0;
  }
}
