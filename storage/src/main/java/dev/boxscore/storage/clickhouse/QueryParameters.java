package dev.boxscore.storage.clickhouse;

import java.util.HashMap;
import java.util.Map;

/**
 * ClickHouse reads a bound parameter's value in the TabSeparated "escaped" form, so a backslash, tab, newline or NUL
 * in a value would change it or fail the query (BAD_QUERY_PARAMETER). Every String parameter is escaped here so the
 * server sees exactly the caller's value; the value is still data, never SQL.
 */
final class QueryParameters {
  private QueryParameters() {}

  static Map<String, Object> escaped(Map<String, Object> params) {
    Map<String, Object> out = new HashMap<>(params.size() * 2);
    params.forEach((k, v) -> out.put(k, v instanceof String s ? escape(s) : v));
    return out;
  }

  static String escape(String value) {
    StringBuilder sb = null;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      String replacement =
          switch (c) {
            case '\\' -> "\\\\";
            case '\t' -> "\\t";
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\b' -> "\\b";
            case '\f' -> "\\f";
            case '\0' -> "\\0";
            default -> null;
          };
      if (replacement != null && sb == null) {
        sb = new StringBuilder(value.length() + 16).append(value, 0, i);
      }
      if (sb != null) {
        if (replacement != null) {
          sb.append(replacement);
        } else {
          sb.append(c);
        }
      }
    }
    return sb == null ? value : sb.toString();
  }
}
