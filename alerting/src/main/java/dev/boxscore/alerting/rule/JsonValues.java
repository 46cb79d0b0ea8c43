package dev.boxscore.alerting.rule;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Reading one JSON value as a type, with failures naming the field. Shared by the API's JSON and
 * the rules file's YAML, which Jackson gives as the same tree.
 */
final class JsonValues {
  static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

  private JsonValues() {}

  /** Null, JSON null and a missing field all mean "not given": a GET answer can be PUT back. */
  static boolean absent(JsonNode n) {
    return n == null || n.isNull() || n.isMissingNode();
  }

  static String text(String field, JsonNode n) {
    if (!n.isTextual()) {
      throw new InvalidRuleException(field, "must be a string, got " + kindOf(n));
    }
    return n.textValue();
  }

  /** A string of at most {@code max} characters. */
  static String text(String field, JsonNode n, int max) {
    String s = text(field, n);
    if (s.length() > max) {
      throw new InvalidRuleException(
          field, "must be at most " + max + " characters, got " + s.length());
    }
    return s;
  }

  static double finite(String field, JsonNode n) {
    if (!n.isNumber()) {
      throw new InvalidRuleException(field, "must be a number, got " + kindOf(n));
    }
    double d = n.doubleValue();
    if (!Double.isFinite(d)) {
      throw new InvalidRuleException(field, "must be a finite number, got " + n.asText());
    }
    return d;
  }

  static long whole(String field, JsonNode n, long min, long max) {
    if (!n.isNumber()) {
      throw new InvalidRuleException(field, "must be a whole number, got " + kindOf(n));
    }
    if (!n.canConvertToExactIntegral()) {
      throw new InvalidRuleException(field, "must be a whole number, got " + cut(n.asText()));
    }
    String range = max == Long.MAX_VALUE ? min + " or more" : "from " + min + " to " + max;
    if (!n.canConvertToLong()) {
      throw new InvalidRuleException(field, "is too large: must be " + range);
    }
    if (n.longValue() < min || n.longValue() > max) {
      throw new InvalidRuleException(field, "must be " + range + ", got " + cut(n.asText()));
    }
    return n.longValue();
  }

  static boolean bool(String field, JsonNode n) {
    if (!n.isBoolean()) {
      throw new InvalidRuleException(field, "must be true or false, got " + kindOf(n));
    }
    return n.booleanValue();
  }

  static Duration duration(String field, JsonNode n) {
    if (!n.isTextual()) {
      throw new InvalidRuleException(
          field, "must be a duration string such as \"5m\", got " + kindOf(n));
    }
    try {
      return Durations.parse(n.textValue());
    } catch (IllegalArgumentException e) {
      throw new InvalidRuleException(field, e.getMessage());
    }
  }

  /** A duration from {@code min} to {@code max}. */
  static Duration duration(String field, JsonNode n, Duration min, Duration max) {
    Duration d = duration(field, n);
    if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
      throw new InvalidRuleException(
          field,
          "must be from "
              + Durations.format(min)
              + " to "
              + Durations.format(max)
              + ", got "
              + Durations.format(d));
    }
    return d;
  }

  static void requireObject(String field, JsonNode n) {
    if (!n.isObject()) {
      throw new InvalidRuleException(field, "must be an object, got " + kindOf(n));
    }
  }

  static void requireArray(String field, JsonNode n) {
    if (!n.isArray()) {
      throw new InvalidRuleException(field, "must be an array, got " + kindOf(n));
    }
  }

  /** What a value is, in the words of a message: "got a string". */
  static String kindOf(JsonNode n) {
    if (absent(n)) {
      return "null";
    }
    return switch (n.getNodeType()) {
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case ARRAY -> "an array";
      case OBJECT, POJO -> "an object";
      default -> n.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    };
  }

  /** Long values are cut in messages: a 1 MB name should not come back as a 1 MB error. */
  static String cut(String s) {
    return s.length() > 60 ? s.substring(0, 60) + "…" : s;
  }

  static String quote(String s) {
    return "\"" + cut(s) + "\"";
  }
}
