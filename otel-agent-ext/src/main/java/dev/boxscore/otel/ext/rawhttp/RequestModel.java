package dev.boxscore.otel.ext.rawhttp;

import java.nio.charset.StandardCharsets;

/**
 * The top-level {@code "model"} of a JSON request body, found by scanning its bytes: the one
 * request attribute a span needs when it starts (samplers see it, and it names the span). The scan
 * builds nothing, stops at the model and looks at most {@link #SCAN_BYTES} far, so the calling
 * thread pays little even for a long conversation; the rest of the request is read when the span is
 * finished, off that thread.
 */
final class RequestModel {
  /**
   * Past this many bytes the model is left to the full read (bodies that put a long history before
   * it).
   */
  static final int SCAN_BYTES = 16 * 1024;

  private static final byte[] MODEL = {'m', 'o', 'd', 'e', 'l'};

  private RequestModel() {}

  /**
   * The model, or null when the body has none within the scanned bytes, is no JSON object, or the
   * model is not a plain string (escapes in a model name are left to the full read).
   */
  static String of(byte[] body) {
    try {
      return scan(body, Math.min(body.length, SCAN_BYTES));
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static String scan(byte[] body, int end) {
    int i = skipSpace(body, 0, end);
    if (i >= end || body[i] != '{') {
      return null;
    }
    int depth = 1;
    boolean keyNext = true;
    i++;
    while (i < end) {
      byte b = body[i];
      if (b == '"') {
        int close = stringEnd(body, i + 1, end);
        if (close < 0) {
          return null;
        }
        if (depth == 1 && keyNext) {
          keyNext = false;
          if (isModel(body, i + 1, close)) {
            return stringValue(body, close + 1, end);
          }
        }
        i = close + 1;
        continue;
      }
      if (b == '{' || b == '[') {
        depth++;
      } else if (b == '}' || b == ']') {
        if (--depth == 0) {
          return null;
        }
      } else if (b == ',' && depth == 1) {
        keyNext = true;
      }
      i++;
    }
    return null;
  }

  /** The offset of the quote closing a string whose content starts at {@code from}, or -1. */
  private static int stringEnd(byte[] body, int from, int end) {
    for (int i = from; i < end; i++) {
      byte b = body[i];
      if (b == '"') {
        return i;
      }
      if (b == '\\') {
        i++;
      }
    }
    return -1;
  }

  private static boolean isModel(byte[] body, int from, int to) {
    if (to - from != MODEL.length) {
      return false;
    }
    for (int k = 0; k < MODEL.length; k++) {
      if (body[from + k] != MODEL[k]) {
        return false;
      }
    }
    return true;
  }

  /** The plain string after {@code : } at {@code from}, or null. */
  private static String stringValue(byte[] body, int from, int end) {
    int i = skipSpace(body, from, end);
    if (i >= end || body[i] != ':') {
      return null;
    }
    i = skipSpace(body, i + 1, end);
    if (i >= end || body[i] != '"') {
      return null;
    }
    int start = i + 1;
    for (int k = start; k < end; k++) {
      byte b = body[k];
      if (b == '"') {
        return k == start ? null : new String(body, start, k - start, StandardCharsets.UTF_8);
      }
      if (b == '\\' || (b >= 0 && b < 0x20)) {
        return null;
      }
    }
    return null;
  }

  private static int skipSpace(byte[] body, int from, int end) {
    int i = from;
    while (i < end && (body[i] == ' ' || body[i] == '\n' || body[i] == '\r' || body[i] == '\t')) {
      i++;
    }
    return i;
  }
}
