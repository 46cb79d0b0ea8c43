package dev.boxscore.query.rest;

import java.time.Duration;
import java.time.Instant;

/** Parameters of the alerting endpoints, checked and answered 400 naming the parameter. */
final class AlertParameters {
  static final Duration MAX_BACKTEST = Duration.ofDays(31);
  static final Duration MAX_HISTORY = Duration.ofDays(90);

  private AlertParameters() {}

  /** [from, to): {@code to} default now, {@code from} default {@code to} minus the default. */
  static Instant[] range(String from, String to, Duration dflt, Duration max) {
    Instant end = Parameters.instant("to", to, Instant.now());
    Instant start = Parameters.instant("from", from, end.minus(dflt));
    if (!start.isBefore(end)) {
      throw new BadParameterException("from", "must be before to");
    }
    if (Duration.between(start, end).compareTo(max) > 0) {
      throw new BadParameterException(
          "from", "the range must be at most " + max.toDays() + " days");
    }
    return new Instant[] {start, end};
  }

  /** A history cursor {@code <epoch millis>_<event id>}, as the previous page's {@code next}. */
  static Object[] cursor(String value) {
    if (value == null || value.isEmpty()) {
      return new Object[] {null, null};
    }
    int sep = value.indexOf('_');
    if (sep <= 0 || sep == value.length() - 1 || value.length() > 100) {
      throw new BadParameterException("cursor", "not a cursor this API returned");
    }
    try {
      return new Object[] {
        Instant.ofEpochMilli(Long.parseLong(value.substring(0, sep))), value.substring(sep + 1)
      };
    } catch (NumberFormatException | java.time.DateTimeException e) {
      throw new BadParameterException("cursor", "not a cursor this API returned");
    }
  }

  static String state(String value) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    return switch (value) {
      case "pending", "firing", "resolved", "no_data", "error" -> value;
      default ->
          throw new BadParameterException(
              "state", "must be one of pending, firing, resolved, no_data, error");
    };
  }

  static String ruleId(String name, String value) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    if (!value.matches("rul_[0-9a-z]{1,40}")) {
      throw new BadParameterException(name, "not a rule id (rul_…)");
    }
    return value;
  }
}
