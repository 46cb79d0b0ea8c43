package dev.boxscore.storage.clickhouse;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.data_formats.ClickHouseBinaryFormatReader;
import com.clickhouse.client.api.query.GenericRecord;
import com.clickhouse.client.api.query.QueryResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The one way storage sends a statement with values to ClickHouse: as bound {@code {name:Type}}
 * parameters, never concatenated. ClickHouse reads a bound parameter's value in the TabSeparated
 * "escaped" form, so a backslash, tab, newline or NUL in a value would change it ({@code \N} would
 * read as NULL and drop a filter) or fail the query (BAD_QUERY_PARAMETER). Every String parameter
 * is escaped here, so the server sees exactly the caller's value. {@code
 * OnlyBoundStatementsQueryTest} fails the build when another class calls the client's query
 * methods.
 */
final class BoundStatements {
  private final Client client;

  BoundStatements(Client client) {
    this.client = client;
  }

  List<GenericRecord> queryAll(String sql, Map<String, Object> params) {
    return client.queryAll(sql, escaped(params));
  }

  /** A streamed answer, for statements whose many rows are read one by one; close it. */
  QueryResponse query(String sql, Map<String, Object> params) throws Exception {
    return client.query(sql, escaped(params)).get();
  }

  ClickHouseBinaryFormatReader reader(QueryResponse response) {
    return client.newBinaryFormatReader(response);
  }

  /**
   * Inserts rows given as JSON objects (JSONEachRow: values are data, never parsed as SQL), as one
   * insert.
   */
  void insertJsonRows(String table, byte[] jsonEachRow) throws Exception {
    client
        .insert(
            table,
            new java.io.ByteArrayInputStream(jsonEachRow),
            com.clickhouse.data.ClickHouseFormat.JSONEachRow)
        .get()
        .close();
  }

  void execute(String sql, Map<String, Object> params) throws Exception {
    client.execute(sql, escaped(params)).get().close();
  }

  private static Map<String, Object> escaped(Map<String, Object> params) {
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
