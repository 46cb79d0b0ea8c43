package dev.boxscore.otel.ext.rawhttp;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits a server-sent-events byte stream into the JSON payloads of its {@code data:} lines, as the
 * bytes arrive, and hands each parsed payload on. Memory stays bounded: only the current line is
 * kept, and a line longer than {@link #MAX_LINE_BYTES} is skipped. Payloads that are no JSON
 * ({@code [DONE]}, garbage) are ignored.
 */
final class SseEvents {
  /** Longest line kept; LLM stream events are a few hundred bytes, the final one a few KiB. */
  static final int MAX_LINE_BYTES = 1 << 20;

  /** Receives each event's parsed payload. */
  interface Listener {
    void onEvent(Object json);
  }

  private final Listener listener;
  private byte[] line = new byte[512];
  private int length;
  private boolean oversized;

  SseEvents(Listener listener) {
    this.listener = listener;
  }

  void accept(byte[] bytes, int offset, int count) {
    for (int i = offset; i < offset + count; i++) {
      byte b = bytes[i];
      if (b == '\n') {
        endLine();
      } else if (!oversized) {
        if (length == line.length) {
          if (length >= MAX_LINE_BYTES) {
            oversized = true;
            continue;
          }
          line = Arrays.copyOf(line, Math.min(MAX_LINE_BYTES, length * 2));
        }
        line[length++] = b;
      }
    }
  }

  /** The stream ended: a last line without newline still counts. */
  void finish() {
    if (length > 0) {
      endLine();
    }
  }

  private void endLine() {
    int end = length > 0 && line[length - 1] == '\r' ? length - 1 : length;
    boolean skip = oversized;
    length = 0;
    oversized = false;
    if (skip || end < 5) {
      return;
    }
    String text = new String(line, 0, end, StandardCharsets.UTF_8);
    if (!text.startsWith("data:")) {
      return;
    }
    String payload = text.substring(5).trim();
    if (payload.isEmpty() || payload.charAt(0) != '{') {
      return;
    }
    Object json;
    try {
      json = JsonReader.parse(payload);
    } catch (IllegalArgumentException e) {
      return;
    }
    listener.onEvent(json);
  }
}
