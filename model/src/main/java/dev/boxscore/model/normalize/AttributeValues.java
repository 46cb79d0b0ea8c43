package dev.boxscore.model.normalize;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Lenient coercion of flattened OTLP attribute values. Instrumentations send numbers as strings or
 * doubles and sometimes send garbage; every method returns null for a value it cannot read instead
 * of throwing.
 */
final class AttributeValues {

  /** Token counts above this are garbage (and keep sums of counts far from overflow). */
  static final long MAX_TOKENS = 1_000_000_000_000L;

  private AttributeValues() {}

  /**
   * A non-blank string, trimmed; anything else (a number given as a provider name, say) is garbage.
   */
  static String text(Object value) {
    if (value instanceof String s) {
      String trimmed = s.trim();
      return trimmed.isEmpty() ? null : trimmed;
    }
    return null;
  }

  /**
   * Like {@link #text} but also accepts whole numbers as their decimal text: prompt versions are
   * often ints.
   */
  static String label(Object value) {
    if (value instanceof Long
        || value instanceof Integer
        || value instanceof Short
        || value instanceof BigInteger) {
      return value.toString();
    }
    return text(value);
  }

  /** A token count: a whole number in [0, {@link #MAX_TOKENS}], from a number or numeric string. */
  static Long count(Object value) {
    BigDecimal number = decimal(value);
    if (number == null
        || number.signum() < 0
        || number.compareTo(BigDecimal.valueOf(MAX_TOKENS)) > 0) {
      return null;
    }
    try {
      return number.longValueExact();
    } catch (ArithmeticException fractional) {
      return null;
    }
  }

  /** A finite non-negative number, from a number or numeric string. */
  static Double nonNegative(Object value) {
    BigDecimal number = decimal(value);
    if (number == null || number.signum() < 0) {
      return null;
    }
    double d = number.doubleValue();
    return Double.isFinite(d) ? d : null;
  }

  static Boolean bool(Object value) {
    if (value instanceof Boolean b) {
      return b;
    }
    if (value instanceof String s) {
      String trimmed = s.trim();
      if (trimmed.equalsIgnoreCase("true")) {
        return Boolean.TRUE;
      }
      if (trimmed.equalsIgnoreCase("false")) {
        return Boolean.FALSE;
      }
    }
    return null;
  }

  /** Non-blank strings of a list value, or the single string of a scalar value. */
  static List<String> texts(Object value) {
    List<String> out = new ArrayList<>();
    if (value instanceof List<?> list) {
      for (Object element : list) {
        String s = text(element);
        if (s != null) {
          out.add(s);
        }
      }
    } else {
      String s = text(value);
      if (s != null) {
        out.add(s);
      }
    }
    return out;
  }

  private static BigDecimal decimal(Object value) {
    try {
      if (value instanceof Long
          || value instanceof Integer
          || value instanceof Short
          || value instanceof Byte) {
        return BigDecimal.valueOf(((Number) value).longValue());
      }
      if (value instanceof Double || value instanceof Float) {
        double d = ((Number) value).doubleValue();
        return Double.isFinite(d) ? BigDecimal.valueOf(d) : null;
      }
      if (value instanceof BigDecimal b) {
        return b;
      }
      if (value instanceof BigInteger b) {
        return new BigDecimal(b);
      }
      if (value instanceof String s) {
        String trimmed = s.trim();
        // Bound the length: BigDecimal parsing of a huge exponent string is the only costly
        // garbage.
        if (trimmed.isEmpty() || trimmed.length() > 40) {
          return null;
        }
        BigDecimal parsed = new BigDecimal(trimmed);
        return Math.abs(parsed.scale()) > 40 ? null : parsed;
      }
    } catch (NumberFormatException garbage) {
      return null;
    }
    return null;
  }
}
