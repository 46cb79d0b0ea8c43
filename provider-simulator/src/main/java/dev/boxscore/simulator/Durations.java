package dev.boxscore.simulator;

import java.time.Duration;

/**
 * Parses the short durations used by CLI flags and scenario headers: {@code 250ms}, {@code 2s},
 * {@code 1m}, {@code 40}.
 */
final class Durations {
  private Durations() {}

  /** A bare number means milliseconds. */
  static Duration parse(String text) {
    String value = text.trim().toLowerCase(java.util.Locale.ROOT);
    try {
      if (value.endsWith("ms")) {
        return nonNegative(
            Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2))), text);
      }
      if (value.endsWith("s")) {
        return nonNegative(
            Duration.ofMillis(
                Math.round(Double.parseDouble(value.substring(0, value.length() - 1)) * 1000)),
            text);
      }
      if (value.endsWith("m")) {
        return nonNegative(
            Duration.ofMinutes(Long.parseLong(value.substring(0, value.length() - 1))), text);
      }
      return nonNegative(Duration.ofMillis(Long.parseLong(value)), text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a duration like 250ms, 2s or 1m", e);
    }
  }

  private static Duration nonNegative(Duration duration, String text) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException("duration '" + text + "' must not be negative");
    }
    return duration;
  }
}
