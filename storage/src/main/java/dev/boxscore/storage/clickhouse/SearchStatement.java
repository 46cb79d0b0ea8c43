package dev.boxscore.storage.clickhouse;

import java.util.Map;

/** A statement built by {@link TraceSearchQueries} and the values bound to its parameters. */
record SearchStatement(String sql, Map<String, Object> params) {
  SearchStatement {
    params = Map.copyOf(params);
  }
}
