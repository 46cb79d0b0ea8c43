package dev.boxscore.otel.ext.rawhttp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A small, strict JSON reader for LLM request and response bodies: objects become {@code
 * Map<String, Object>}, arrays {@code List<Object>}, numbers {@code Long} or {@code Double}. No
 * library, so nothing to shade into users' apps. Malformed or too deeply nested input is an {@link
 * IllegalArgumentException} naming the offset.
 */
public final class JsonReader {
  private static final int MAX_DEPTH = 64;

  private final String text;

  /** Member names to build; null builds all. */
  private final Set<String> read;

  private int pos;

  /** See {@link #backslashFrom}; -1 before the first search. */
  private int nextBackslash = -1;

  private JsonReader(String text, int pos, Set<String> read) {
    this.text = text;
    this.pos = pos;
    this.read = read;
  }

  /** The whole text as one JSON value. */
  public static Object parse(String text) {
    return parse(text, null);
  }

  /**
   * The whole text as one JSON value with only the members named in {@code read} (at any depth):
   * other members' values are read to their end (strings closed, brackets counted, depth bounded)
   * and passed over, never built. For bodies whose bulk (message text, tool schemas, token details
   * nobody records) the tree's reader never uses.
   */
  public static Object parse(String text, Set<String> read) {
    JsonReader reader = new JsonReader(text, 0, read);
    Object value = reader.value(0);
    reader.skipSpace();
    if (reader.pos != text.length()) {
      throw reader.error("trailing characters");
    }
    return value;
  }

  /**
   * The value following the last (or first) occurrence of {@code "key":} in a fragment of a JSON
   * document, or null when the key is absent or its value cannot be read (cut off, say). For bodies
   * too large to keep whole.
   */
  public static Object valueAfterKey(String fragment, String key, boolean last) {
    String quoted = '"' + key + '"';
    int at = last ? fragment.lastIndexOf(quoted) : fragment.indexOf(quoted);
    while (at >= 0) {
      JsonReader reader = new JsonReader(fragment, at + quoted.length(), null);
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
    Map<String, Object> out = new JsonObject();
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
      String key = key();
      skipSpace();
      if (peek() != ':') {
        throw error("expected ':'");
      }
      pos++;
      if (read == null || read.contains(key)) {
        out.put(key, value(depth + 1));
      } else {
        skipValue(depth + 1);
      }
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

  /**
   * Member names met before, by slot of their hash: LLM bodies repeat a few dozen names, so a name
   * found here is neither cut out of the text nor hashed again (its String caches its hash). Shared
   * by all threads without locks: a slot holds an immutable String or null, and a lost write only
   * costs a later miss.
   */
  private static final String[] KEYS = new String[1024];

  private static final int MAX_CACHED_KEY = 64;

  /**
   * A member name: the cached String when the text holds one seen before, else a new one (then
   * cached).
   */
  private String key() {
    int start = pos + 1;
    int hash = 0;
    for (int i = start; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"') {
        int length = i - start;
        int slot = (hash ^ (hash >>> 16)) & (KEYS.length - 1);
        String known = KEYS[slot];
        pos = i + 1;
        if (known != null
            && known.length() == length
            && text.regionMatches(start, known, 0, length)) {
          return known;
        }
        String key = text.substring(start, i);
        if (length <= MAX_CACHED_KEY) {
          KEYS[slot] = key; // long names are someone's data, not a dialect's: not kept alive
        }
        return key;
      }
      if (c == '\\') {
        break; // escapes: the general path (never cached)
      }
      hash = 31 * hash + c;
    }
    return string();
  }

  /**
   * Passes over one value, allocating nothing: strings must close and brackets must even out, but
   * whether a '}' closes a '[' is not checked (the members read are checked in full; these are only
   * walked past).
   */
  private void skipValue(int depth) {
    skipSpace();
    char first = peek();
    if (first != '{' && first != '[') {
      if (first == '"') {
        skipString();
      } else {
        value(depth);
      }
      return;
    }
    int open = 0;
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == '"') {
        skipString();
        continue;
      }
      if (c == '{' || c == '[') {
        if (depth + ++open > MAX_DEPTH) {
          throw error("nested deeper than " + MAX_DEPTH);
        }
      } else if (c == '}' || c == ']') {
        if (--open == 0) {
          pos++;
          return;
        }
      }
      pos++;
    }
    throw error("unexpected end");
  }

  /**
   * Passes over a string by jumping from quote to quote ({@code indexOf} is vectorized: message
   * text, the bulk of a body, costs next to nothing); a quote is the closing one when an even
   * number of backslashes precedes it.
   */
  private void skipString() {
    int first = pos + 1;
    int from = first;
    while (true) {
      int quote = text.indexOf('"', from);
      if (quote < 0) {
        pos = text.length();
        throw error("unterminated string");
      }
      int backslashes = 0;
      for (int i = quote - 1; i >= first && text.charAt(i) == '\\'; i--) {
        backslashes++;
      }
      if (backslashes % 2 == 0) {
        pos = quote + 1;
        return;
      }
      from = quote + 1;
    }
  }

  /**
   * The first backslash at or after {@code from}, or the text's length: remembered, as strings are
   * read in order, so finding them all costs one pass over the text.
   */
  private int backslashFrom(int from) {
    if (nextBackslash < from) {
      int found = text.indexOf('\\', from);
      nextBackslash = found < 0 ? text.length() : found;
    }
    return nextBackslash;
  }

  private String string() {
    pos++;
    int end = text.indexOf('"', pos);
    if (end >= 0 && backslashFrom(pos) > end) {
      // no escape inside: the common case, cut out in one piece
      String plain = text.substring(pos, end);
      pos = end + 1;
      return plain;
    }
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
          out.append(
              e == 'n'
                  ? '\n'
                  : e == 't' ? '\t' : e == 'r' ? '\r' : e == 'b' ? '\b' : e == 'f' ? '\f' : e);
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
    if (pos == start) {
      throw error("unexpected character");
    }
    if (!fraction && pos - start <= 18) {
      Long small = smallInteger(start, pos);
      if (small != null) {
        return small;
      }
    }
    String number = text.substring(start, pos);
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

  /**
   * Digits with an optional minus, read without a substring (token counts are most numbers here);
   * else null.
   */
  private Long smallInteger(int start, int end) {
    boolean negative = text.charAt(start) == '-';
    int i = negative ? start + 1 : start;
    if (i == end) {
      return null;
    }
    long value = 0;
    for (; i < end; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return null;
      }
      value = value * 10 + (c - '0');
    }
    return negative ? -value : value;
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

  /** JSON's four whitespace characters (not Unicode's many: they are no valid separators). */
  private void skipSpace() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
        return;
      }
      pos++;
    }
  }

  private IllegalArgumentException error(String what) {
    return new IllegalArgumentException("JSON: " + what + " at offset " + pos);
  }

  /**
   * The member {@code key} of an object, or null (no varargs array per lookup: these run per call).
   */
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
