package dev.boxscore.query.rest;

import dev.boxscore.storage.TraceCursor;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;

/** Parsing and checking of request parameters; every failure names the parameter. */
final class Parameters {
  private static final Pattern TRACE_ID = Pattern.compile("[0-9a-fA-F]{32}");
  // Instants the storage can represent in epoch nanoseconds (1970 to 2262).
  private static final Instant LATEST = Instant.parse("2262-01-01T00:00:00Z");

  private Parameters() {}

  static Instant instant(String name, String value, Instant fallback) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      Instant instant = Instant.parse(value.strip());
      if (instant.isBefore(Instant.EPOCH) || instant.isAfter(LATEST)) {
        throw new BadParameterException(name, "must be between 1970 and 2262");
      }
      return instant;
    } catch (DateTimeParseException e) {
      throw new BadParameterException(
          name,
          "must be an ISO-8601 instant such as 2026-11-28T10:15:30Z, got \""
              + abbreviate(value)
              + "\"");
    }
  }

  static int limit(String name, String value, int fallback, int max) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      int limit = Integer.parseInt(value.strip());
      if (limit < 1 || limit > max) {
        throw new BadParameterException(name, "must be between 1 and " + max + ", got " + limit);
      }
      return limit;
    } catch (NumberFormatException e) {
      throw new BadParameterException(
          name, "must be a whole number, got \"" + abbreviate(value) + "\"");
    }
  }

  static TraceCursor cursor(String name, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return TraceCursor.decode(value.strip());
    } catch (IllegalArgumentException e) {
      throw new BadParameterException(name, "is not a cursor returned by this API");
    }
  }

  static String traceId(String name, String value) {
    if (value == null || !TRACE_ID.matcher(value).matches()) {
      throw new BadParameterException(name, "must be 32 hexadecimal characters");
    }
    return value.toLowerCase(Locale.ROOT);
  }

  /**
   * A free-text filter: blank means none; limited in length so no one sends megabytes as a filter.
   */
  static String filter(String name, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    if (value.length() > 512) {
      throw new BadParameterException(name, "must be at most 512 characters");
    }
    return value;
  }

  static String abbreviate(String s) {
    return s.length() <= 64 ? s : s.substring(0, 64) + "…";
  }
}
