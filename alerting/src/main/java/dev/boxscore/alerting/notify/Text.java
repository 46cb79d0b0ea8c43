package dev.boxscore.alerting.notify;

/** Receivers cap their text fields and reject what is longer, so payloads cut first. */
final class Text {
  private Text() {}

  /** At most {@code max} chars, never splitting a surrogate pair, marked with an ellipsis. */
  static String cut(String s, int max) {
    if (s.length() <= max) {
      return s;
    }
    int end = max - 1;
    if (Character.isHighSurrogate(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(0, end) + "…";
  }
}
