package dev.boxscore.storage.clickhouse;

import dev.boxscore.storage.users.UserOrder;

/**
 * The statements on {@code llm_user_rollup} (migration 0063). Their text varies only by the sort
 * column chosen from {@link UserOrder}; every value is a bound parameter, prices included (see
 * {@link CostSql}).
 */
final class UserQueries {
  private static final String COST = CostSql.rowCost("price", CostSql.USER_ROLLUP);
  private static final String PRICED = CostSql.priceIndex("price", CostSql.USER_ROLLUP) + " > 0";

  private static final String RANGE =
      "project_id = {project:String}"
          + " AND hour >= toStartOfHour(fromUnixTimestamp64Nano({from_ns:Int64}, 'UTC'))"
          + " AND hour < fromUnixTimestamp64Nano({to_ns:Int64}, 'UTC')";

  private static final String USER_FIGURES =
      "user_id, sum(calls) AS n_calls, sum(errors) AS n_errors, uniqMerge(traces) AS n_traces,"
          + " uniqExactIf(session_id, session_id != '') AS n_sessions,"
          + " sum(input_tokens) AS n_input, sum(output_tokens) AS n_output,"
          + " sum("
          + COST
          + ") AS cost_usd, sumIf(calls, NOT ("
          + PRICED
          + ")) AS n_unpriced, min(first_seen) AS seen_first, max(last_seen) AS seen_last";

  static String users(UserOrder order) {
    String sort =
        switch (order) {
          case COST -> "cost_usd DESC";
          case CALLS -> "n_calls DESC";
          case LAST_SEEN -> "seen_last DESC";
        };
    return "SELECT "
        + USER_FIGURES
        + " FROM llm_user_rollup WHERE "
        + RANGE
        + " AND user_id != '' AND startsWith(lowerUTF8(user_id), {prefix:String})"
        + " GROUP BY user_id ORDER BY "
        + sort
        + ", user_id LIMIT {limit:UInt32}";
  }

  static final String USER =
      "SELECT "
          + USER_FIGURES
          + " FROM llm_user_rollup WHERE "
          + RANGE
          + " AND user_id = {user:String} GROUP BY user_id";

  static final String USER_SERIES =
      "SELECT intDiv(toUnixTimestamp(hour) - intDiv({from_ns:Int64}, 1000000000), {bucket_s:Int64}) AS bucket,"
          + " sum(calls) AS n_calls, sum(errors) AS n_errors, sum("
          + COST
          + ") AS cost_usd FROM llm_user_rollup WHERE "
          + RANGE
          + " AND user_id = {user:String} GROUP BY bucket ORDER BY bucket";

  private static final String SESSION_FIGURES =
      "session_id, argMax(user_id, last_seen) AS session_user, uniqMerge(traces) AS n_traces,"
          + " sum(calls) AS n_calls, sum(errors) AS n_errors, sum("
          + COST
          + ") AS cost_usd, min(first_seen) AS seen_first, max(last_end) AS seen_end";

  static final String SESSIONS =
      "SELECT "
          + SESSION_FIGURES
          + " FROM llm_user_rollup WHERE "
          + RANGE
          + " AND session_id != '' AND ({user:String} = '' OR user_id = {user:String})"
          + " GROUP BY session_id ORDER BY seen_end DESC, session_id LIMIT {limit:UInt32}";

  static final String SESSION =
      "SELECT "
          + SESSION_FIGURES
          + " FROM llm_user_rollup WHERE "
          + RANGE
          + " AND session_id = {session:String} GROUP BY session_id";

  private UserQueries() {}
}
