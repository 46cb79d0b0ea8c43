package dev.boxscore.otel.ext.rawhttp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small, strict JSON reader for LLM request and response bodies: objects become {@code Map<String, Object>}, arrays
 * {@code List<Object>}, numbers {@code Long} or {@code Double}. No library, so nothing to shade into users' apps.
 * Malformed or too deeply nested input is an {@link IllegalArgumentException} naming the offset.
 */
public final class JsonReader {
  private static final int MAX_DEPTH = 64;

  private final String text;
  private int pos;

  private JsonReader(String text, int pos) {
    this.text = text;
    this.pos = pos;
  }

  /** The whole text as one JSON value. */
  public static Object parse(String text) {
    JsonReader reader = new JsonReader(text, 0);
    Object value = reader.value(0);
    reader.skipSpace();
    if (reader.pos != text.length()) {
      throw reader.error("trailing characters");
    }
    return value;
  }

  /**
   * The value following the last (or first) occurrence of {@code "key":} in a fragment of a JSON document, or null
   * when the key is absent or its value cannot be read (cut off, say). For bodies too large to keep whole.
   */
  public static Object valueAfterKey(String fragment, String key, boolean last) {
    String quoted = '"' + key + '"';
    int at = last ? fragment.lastIndexOf(quoted) : fragment.indexOf(quoted);
    while (at >= 0) {
      JsonReader reader = new JsonReader(fragment, at + quoted.length());
      reader.skipSpace();
      if (reader.pos < fragment.length() && fragment.charAt(reader.pos) == ':') {
        reader.pos++;
        try {
          return reader.value(0);
        } catch (IllegalArgumentException e) {
          return null;
        }
      }
      at = last ? fragment.lastIndexOf(quoted, at - 1) : fragment.indexOf(quoted, at + 1);
    }
    return null;
  }

  private Object value(int depth) {
    if (depth > MAX_DEPTH) {
      throw error("nested deeper than " + MAX_DEPTH);
    }
    skipSpace();
    if (pos >= text.length()) {
      throw error("unexpected end");
    }
    char c = text.charAt(pos);
    if (c == '{') {
      return object(depth);
    } else if (c == '[') {
      return array(depth);
    } else if (c == '"') {
      return string();
    } else if (c == 't') {
      return literal("true", Boolean.TRUE);
    } else if (c == 'f') {
      return literal("false", Boolean.FALSE);
    } else if (c == 'n') {
      return literal("null", null);
    }
    return number();
  }

  private Map<String, Object> object(int depth) {
    Map<String, Object> out = new LinkedHashMap<String, Object>();
    pos++;
    skipSpace();
    if (peek() == '}') {
      pos++;
      return out;
    }
    while (true) {
      skipSpace();
      if (peek() != '"') {
        throw error("expected a key");
      }
      String key = string();
      skipSpace();
      if (peek() != ':') {
        throw error("expected ':'");
      }
      pos++;
      out.put(key, value(depth + 1));
      skipSpace();
      char c = peek();
      pos++;
      if (c == '}') {
        return out;
      } else if (c != ',') {
        throw error("expected ',' or '}'");
      }
    }
  }

  private List<Object> array(int depth) {
    List<Object> out = new ArrayList<Object>();
    pos++;
    skipSpace();
    if (peek() == ']') {
      pos++;
      return out;
    }
    while (true) {
      out.add(value(depth + 1));
      skipSpace();
      char c = peek();
      pos++;
      if (c == ']') {
        return out;
      } else if (c != ',') {
        throw error("expected ',' or ']'");
      }
    }
  }

  private String string() {
    pos++;
    StringBuilder out = null;
    int start = pos;
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == '"') {
        String tail = text.substring(start, pos++);
        return out == null ? tail : out.append(tail).toString();
      }
      if (c == '\\') {
        if (out == null) {
          out = new StringBuilder();
        }
        out.append(text, start, pos);
        if (pos + 1 >= text.length()) {
          break;
        }
        char e = text.charAt(pos + 1);
        pos += 2;
        if (e == 'u') {
          if (pos + 4 > text.length()) {
            break;
          }
          try {
            out.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
          } catch (NumberFormatException ex) {
            throw error("bad \\u escape");
          }
          pos += 4;
        } else {
          out.append(e == 'n' ? '\n' : e == 't' ? '\t' : e == 'r' ? '\r' : e == 'b' ? '\b' : e == 'f' ? '\f' : e);
        }
        start = pos;
      } else {
        pos++;
      }
    }
    throw error("unterminated string");
  }

  private Object number() {
    int start = pos;
    boolean fraction = false;
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == '.' || c == 'e' || c == 'E') {
        fraction = true;
      } else if (!(c == '-' || c == '+' || (c >= '0' && c <= '9'))) {
        break;
      }
      pos++;
    }
    String number = text.substring(start, pos);
    if (number.isEmpty()) {
      throw error("unexpected character");
    }
    try {
      if (!fraction) {
        try {
          return Long.valueOf(number);
        } catch (NumberFormatException tooLong) {
          // falls through to a double
        }
      }
      return Double.valueOf(number);
    } catch (NumberFormatException e) {
      throw error("bad number");
    }
  }

  private Object literal(String word, Object value) {
    if (!text.startsWith(word, pos)) {
      throw error("unexpected literal");
    }
    pos += word.length();
    return value;
  }

  private char peek() {
    if (pos >= text.length()) {
      throw error("unexpected end");
    }
    return text.charAt(pos);
  }

  private void skipSpace() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  private IllegalArgumentException error(String what) {
    return new IllegalArgumentException("JSON: " + what + " at offset " + pos);
  }

  /** The member {@code key} of an object, or null (no varargs array per lookup: these run per call). */
  public static Object path(Object node, String key) {
    return node instanceof Map ? ((Map<?, ?>) node).get(key) : null;
  }

  public static String text(Object node, String key) {
    Object value = path(node, key);
    return value instanceof String ? (String) value : null;
  }

  public static Long count(Object node, String key) {
    return asCount(path(node, key));
  }

  public static Double decimal(Object node, String key) {
    Object value = path(node, key);
    return value instanceof Number ? ((Number) value).doubleValue() : null;
  }

  /** The member at {@code path} of nested objects, or null. */
  public static Object path(Object node, String... path) {
    Object current = node;
    for (String key : path) {
      if (!(current instanceof Map)) {
        return null;
      }
      current = ((Map<?, ?>) current).get(key);
    }
    return current;
  }

  public static String text(Object node, String... path) {
    Object value = path(node, path);
    return value instanceof String ? (String) value : null;
  }

  /** A non-negative integer member, or null. */
  public static Long count(Object node, String... path) {
    return asCount(path(node, path));
  }

  private static Long asCount(Object value) {
    if (value instanceof Long && (Long) value >= 0) {
      return (Long) value;
    }
    if (value instanceof Double && (Double) value >= 0 && (Double) value < 9e15) {
      return (long) (double) (Double) value;
    }
    return null;
  }

  public static Double decimal(Object node, String... path) {
    Object value = path(node, path);
    return value instanceof Number ? ((Number) value).doubleValue() : null;
  }
}
