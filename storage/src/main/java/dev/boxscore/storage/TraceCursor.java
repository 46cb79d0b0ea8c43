package dev.boxscore.storage;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Where a page of traces ended: the start (epoch nanoseconds) and id of its last trace. Opaque to
 * API users.
 */
public record TraceCursor(long startNanos, String traceId) {
  private static final Pattern TRACE_ID = Pattern.compile("[0-9a-f]{32}");

  public String encode() {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((startNanos + ":" + traceId).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * @throws IllegalArgumentException when the text is not a cursor this class produced
   */
  public static TraceCursor decode(String text) {
    try {
      String decoded = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      long start = Long.parseLong(decoded.substring(0, colon));
      String traceId = decoded.substring(colon + 1);
      if (start <= 0 || !TRACE_ID.matcher(traceId).matches()) {
        throw new IllegalArgumentException("not a trace cursor");
      }
      return new TraceCursor(start, traceId);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not a trace cursor", e);
    }
  }
}
