package dev.boxscore.otel.ext.common;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes what must not leave the process from captured message content: e-mail addresses, payment
 * card numbers (Luhn-checked, so order numbers survive), API-key-like tokens and the user's own
 * pattern; then truncates.
 */
public final class Redactor {
  private static final Pattern EMAIL =
      Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");
  private static final Pattern CARD =
      Pattern.compile("(?<![0-9])[0-9](?:[ -]?[0-9]){12,18}(?![0-9])");
  private static final Pattern API_KEY =
      Pattern.compile(
          "\\b(?:sk|pk|rk)-[A-Za-z0-9_-]{16,}"
              + "|\\bAKIA[0-9A-Z]{16}\\b"
              + "|\\bgh[pousr]_[A-Za-z0-9]{20,}"
              + "|\\bxox[abprs]-[A-Za-z0-9-]{10,}"
              + "|\\bAIza[0-9A-Za-z_-]{35}"
              + "|\\b(?:bx|key|api|token|secret)_[A-Za-z0-9]{16,}"
              + "|(?i:bearer)\\s+[A-Za-z0-9._~+/=-]{16,}");

  private final Pattern user;
  private final int maxLength;

  public Redactor(Pattern user, int maxLength) {
    this.user = user;
    this.maxLength = maxLength;
  }

  public static Redactor fromConfig(ExtensionConfig config) {
    return new Redactor(config.userRedaction(), config.maxContentLength());
  }

  /** Redacted and truncated text; null stays null. */
  public String clean(String text) {
    if (text == null) {
      return null;
    }
    String result = EMAIL.matcher(text).replaceAll("[REDACTED_EMAIL]");
    result = redactCards(result);
    result = API_KEY.matcher(result).replaceAll("[REDACTED_KEY]");
    if (user != null) {
      result = user.matcher(result).replaceAll("[REDACTED]");
    }
    return truncate(result);
  }

  /** Cuts to the configured length, marking the cut. */
  public String truncate(String text) {
    if (text.length() <= maxLength) {
      return text;
    }
    String marker = "...[truncated]";
    return text.substring(0, Math.max(0, maxLength - marker.length())) + marker;
  }

  private static String redactCards(String text) {
    Matcher matcher = CARD.matcher(text);
    StringBuffer out = null;
    while (matcher.find()) {
      if (luhn(matcher.group())) {
        if (out == null) {
          out = new StringBuffer(text.length());
        }
        matcher.appendReplacement(out, "[REDACTED_CARD]");
      }
    }
    if (out == null) {
      return text;
    }
    matcher.appendTail(out);
    return out.toString();
  }

  static boolean luhn(String candidate) {
    int sum = 0;
    boolean doubleIt = false;
    for (int i = candidate.length() - 1; i >= 0; i--) {
      char c = candidate.charAt(i);
      if (c < '0' || c > '9') {
        continue;
      }
      int digit = c - '0';
      if (doubleIt) {
        digit *= 2;
        if (digit > 9) {
          digit -= 9;
        }
      }
      sum += digit;
      doubleIt = !doubleIt;
    }
    return sum % 10 == 0;
  }
}
