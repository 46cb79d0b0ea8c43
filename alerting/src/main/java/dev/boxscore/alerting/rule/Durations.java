package dev.boxscore.alerting.rule;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as Prometheus writes them ({@code 30s}, {@code 1h30m}, {@code 7d}): the rules file and
 * the API share one syntax so a rule reads the same in both. Public because the API formats its own
 * durations (a backtest's step, an alert's window) the same way.
 */
public final class Durations {
  // Prometheus' syntax minus y (a year is not a fixed length): each unit at most once, largest
  // first. Java backtracks "5ms" out of the m group into ms.
  private static final Pattern SYNTAX =
      Pattern.compile("(?:(\\d+)w)?(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?(?:(\\d+)ms)?");
  private static final long[] UNIT_MILLIS = {
    7 * 86_400_000L, 86_400_000L, 3_600_000L, 60_000L, 1_000L, 1L
  };
  private static final String HINT =
      "must be a duration such as 500ms, 30s, 5m, 1h30m or 7d (units ms s m h d w, largest first)";

  private Durations() {}

  /**
   * Parses {@code 30s}, {@code 1h30m}, {@code 0s}.
   *
   * @throws IllegalArgumentException if the text is not such a duration; the message says what
   *     would be accepted
   */
  public static Duration parse(String text) {
    if (text == null || text.isEmpty()) {
      throw new IllegalArgumentException(HINT + ", got nothing");
    }
    if (text.startsWith("-")) {
      throw new IllegalArgumentException("must not be negative, got " + quote(text));
    }
    if (text.chars().allMatch(Character::isDigit)) {
      throw new IllegalArgumentException(
          "needs a unit, e.g. " + cut(text) + "s or " + cut(text) + "m, got " + quote(text));
    }
    Matcher m = SYNTAX.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException(HINT + ", got " + quote(text));
    }
    long millis = 0;
    try {
      for (int i = 0; i < UNIT_MILLIS.length; i++) {
        String n = m.group(i + 1);
        if (n != null) {
          millis = Math.addExact(millis, Math.multiplyExact(Long.parseLong(n), UNIT_MILLIS[i]));
        }
      }
    } catch (ArithmeticException | NumberFormatException e) {
      throw new IllegalArgumentException("is too long, got " + quote(text));
    }
    return Duration.ofMillis(millis);
  }

  /**
   * The shortest string {@link #parse} reads back as {@code d}: {@code 90s} is {@code 1m30s}. Weeks
   * are never written: {@code 7d} reads better than {@code 1w} and is what the contract and the UI
   * show.
   *
   * @throws IllegalArgumentException if {@code d} is negative or finer than milliseconds
   */
  public static String format(Duration d) {
    if (d.isNegative() || d.getNano() % 1_000_000 != 0) {
      throw new IllegalArgumentException("not a whole non-negative number of ms: " + d);
    }
    long millis = d.toMillis();
    if (millis == 0) {
      return "0s";
    }
    String[] units = {"d", "h", "m", "s", "ms"};
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < units.length; i++) {
      long unit = UNIT_MILLIS[i + 1];
      if (millis >= unit) {
        out.append(millis / unit).append(units[i]);
        millis %= unit;
      }
    }
    return out.toString();
  }

  private static String cut(String s) {
    return s.length() > 20 ? s.substring(0, 20) + "…" : s;
  }

  private static String quote(String s) {
    return "\"" + cut(s) + "\"";
  }
}
