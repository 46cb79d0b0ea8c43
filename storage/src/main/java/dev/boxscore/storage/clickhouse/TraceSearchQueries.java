package dev.boxscore.storage.clickhouse;

import dev.boxscore.storage.TraceCursor;
import dev.boxscore.storage.search.FieldMatch;
import dev.boxscore.storage.search.FilterField;
import dev.boxscore.storage.search.SuggestField;
import dev.boxscore.storage.search.TextMatch;
import dev.boxscore.storage.search.Threshold;
import dev.boxscore.storage.search.TraceFilter;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The trace search's statements. They are assembled here, in one class, because a filter has any
 * number of terms; every value is a bound parameter ({@code {name:Type}}), and the only text put
 * into the SQL is this class's own (column names, operators from {@link
 * dev.boxscore.storage.search.Relation#sql()}, parameter names it numbers itself).
 *
 * <p>A trace matches a value term when ONE of its spans does ({@code countIf(...) > 0}; negated:
 * none does), and a threshold on its aggregates (duration, tokens, cost). A search reads one window
 * of time at a time, newest first (see {@link ClickHouseTraceReader}); spans up to an hour either
 * side of the window are read so a trace's figures are whole (a trace longer than an hour is
 * counted from the spans within that hour).
 */
final class TraceSearchQueries {
  /**
   * What full-text search looks in, lower-cased. Identical to the expression of the spans table's
   * text index (migration 0061); otherwise the engine does not use the index.
   */
  static final String SEARCH_TEXT =
      "lowerUTF8(concat(name, '\\n', llm_input, '\\n', llm_output, '\\n',"
          + " arrayStringConcat(mapValues(attributes), '\\n')))";

  /**
   * The same text joined with spaces, as the word index of migration 0067 has it: a phrase without
   * a line break that {@link #SEARCH_TEXT} contains, this contains too, so asking both lets the
   * engine use the word index's posting lists for English words.
   */
  static final String SEARCH_WORDS =
      "lowerUTF8(concat(name, ' ', llm_input, ' ', llm_output, ' ',"
          + " arrayStringConcat(mapValues(attributes), ' ')))";

  /** Spans read around a window so that a trace's figures are whole. */
  static final long SLACK_NANOS = 3_600_000_000_000L;

  private static final char LIST_SEPARATOR = '\u001f';

  private TraceSearchQueries() {}

  /**
   * One page of the traces that started in [windowFrom, windowTo), newest first, after the cursor.
   */
  static SearchStatement window(
      String project,
      TraceFilter filter,
      Instant windowFrom,
      Instant windowTo,
      TraceCursor cursor,
      int limit) {
    Builder b = new Builder(project, filter);
    b.params.put("win_from_ns", nanos(windowFrom));
    b.params.put("win_to_ns", nanos(windowTo));
    b.params.put("cursor_start_ns", cursor == null ? 0L : cursor.startNanos());
    b.params.put("cursor_trace_id", cursor == null ? "" : cursor.traceId());
    b.params.put("limit", limit);
    String sql =
        b.traces(true)
            + "\n  AND trace_start >= fromUnixTimestamp64Nano({win_from_ns:Int64}, 'UTC')"
            + "\n  AND trace_start < fromUnixTimestamp64Nano({win_to_ns:Int64}, 'UTC')"
            + "\n  AND ({cursor_start_ns:Int64} = 0"
            + "\n       OR toUnixTimestamp64Nano(trace_start) < {cursor_start_ns:Int64}"
            + "\n       OR (toUnixTimestamp64Nano(trace_start) = {cursor_start_ns:Int64}"
            + " AND trace_id < {cursor_trace_id:String}))"
            + "\nORDER BY trace_start DESC, trace_id DESC"
            + "\nLIMIT {limit:UInt32}";
    return new SearchStatement(sql, b.params);
  }

  /**
   * Whether the filter has a term whose spans are found through an index (text, session, user,
   * attribute, prompt, errors): its windows can start wider, as each one reads little.
   */
  static boolean selective(TraceFilter filter) {
    return new Builder("", filter).prefilter() != null;
  }

  /** Matching traces that started in [from, to), counted per bucket of {@code bucketSeconds}. */
  static SearchStatement histogram(
      String project, TraceFilter filter, Instant from, Instant to, long bucketSeconds) {
    Builder b = new Builder(project, filter);
    b.params.put("win_from_ns", nanos(from));
    b.params.put("win_to_ns", nanos(to));
    b.params.put("bucket_ns", bucketSeconds * 1_000_000_000L);
    String sql =
        "SELECT intDiv(toUnixTimestamp64Nano(trace_start) - {win_from_ns:Int64}, {bucket_ns:Int64})"
            + " AS bucket, count() AS traces, countIf(has_error) AS errors\nFROM (\n"
            + b.traces(false)
            + "\n  AND trace_start >= fromUnixTimestamp64Nano({win_from_ns:Int64}, 'UTC')"
            + "\n  AND trace_start < fromUnixTimestamp64Nano({win_to_ns:Int64}, 'UTC'))"
            + "\nGROUP BY bucket ORDER BY bucket";
    return new SearchStatement(sql, b.params);
  }

  /**
   * Where each listed trace matched the first phrase: its first matching span and an excerpt of the
   * field that holds it.
   */
  static SearchStatement textHits(
      String project, String phrase, List<String> spanKeys, Instant from, Instant to) {
    Map<String, Object> params = new HashMap<>();
    params.put("project", project);
    params.put("needle", lower(phrase));
    params.put("from_ns", nanos(from) - SLACK_NANOS);
    params.put("to_ns", nanos(to) + SLACK_NANOS);
    params.put("span_keys", String.join(String.valueOf(LIST_SEPARATOR), spanKeys));
    String sql =
        """
        SELECT trace_id, span_id, hit_field, hit_key,
               substringUTF8(hit_text, toUInt64(greatest(toInt64(positionUTF8(lowerUTF8(hit_text), {needle:String})) - 80, 1)), 320) AS excerpt
        FROM (
            SELECT trace_id, span_id,
                   multiIf(positionUTF8(lowerUTF8(llm_output), {needle:String}) > 0, 'output',
                           positionUTF8(lowerUTF8(llm_input), {needle:String}) > 0, 'input',
                           positionUTF8(lowerUTF8(name), {needle:String}) > 0, 'name', 'attribute') AS hit_field,
                   if(hit_field = 'attribute',
                      arrayFirst(k -> positionUTF8(lowerUTF8(attributes[k]), {needle:String}) > 0, mapKeys(attributes)),
                      '') AS hit_key,
                   multiIf(hit_field = 'output', llm_output, hit_field = 'input', llm_input,
                           hit_field = 'name', name, attributes[hit_key]) AS hit_text
            FROM spans
            WHERE project_id = {project:String}
              AND start_time >= fromUnixTimestamp64Nano({from_ns:Int64}, 'UTC')
              AND start_time < fromUnixTimestamp64Nano({to_ns:Int64}, 'UTC')
              AND trace_id IN (SELECT splitByChar(':', k)[1] FROM (SELECT arrayJoin(splitByChar('\\x1f', {span_keys:String})) AS k))
              AND concat(trace_id, ':', span_id) IN (SELECT arrayJoin(splitByChar('\\x1f', {span_keys:String})))
            LIMIT 1 BY trace_id, span_id)""";
    return new SearchStatement(sql, params);
  }

  /** The most frequent values of a field that start with the prefix (case-insensitively). */
  static SearchStatement suggest(
      String project,
      SuggestField field,
      String attributeKey,
      String prefix,
      Instant from,
      Instant to,
      int limit) {
    Map<String, Object> params = new HashMap<>();
    params.put("project", project);
    params.put("prefix", lower(prefix));
    params.put("from_ns", nanos(from));
    params.put("to_ns", nanos(to));
    params.put("limit", limit);
    String where =
        "project_id = {project:String}"
            + " AND start_time >= fromUnixTimestamp64Nano({from_ns:Int64}, 'UTC')"
            + " AND start_time < fromUnixTimestamp64Nano({to_ns:Int64}, 'UTC')";
    String hours =
        "project_id = {project:String}"
            + " AND hour >= toStartOfHour(fromUnixTimestamp64Nano({from_ns:Int64}, 'UTC'))"
            + " AND hour < fromUnixTimestamp64Nano({to_ns:Int64}, 'UTC')";
    String sql =
        switch (field) {
          case SERVICE -> values("service", "spans", where);
          case MODEL ->
              "SELECT v, sum(c) AS n FROM (SELECT request_model AS v, sum(calls) AS c FROM llm_hour_rollup WHERE "
                  + hours
                  + " GROUP BY v UNION ALL SELECT response_model AS v, sum(calls) AS c FROM llm_hour_rollup WHERE "
                  + hours
                  + " GROUP BY v) WHERE v != '' AND startsWith(lowerUTF8(v), {prefix:String})"
                  + " GROUP BY v ORDER BY n DESC, v LIMIT {limit:UInt32}";
          case PROVIDER -> rollupValues("provider", hours);
          case PROMPT ->
              "SELECT v, sum(c) AS n FROM (SELECT prompt_version AS v, sum(calls) AS c FROM llm_hour_rollup WHERE "
                  + hours
                  + " GROUP BY v UNION ALL SELECT prompt_fingerprint AS v, sum(calls) AS c FROM llm_hour_rollup WHERE "
                  + hours
                  + " GROUP BY v) WHERE v != '' AND startsWith(lowerUTF8(v), {prefix:String})"
                  + " GROUP BY v ORDER BY n DESC, v LIMIT {limit:UInt32}";
          case USER -> userValues("user_id", hours);
          case SESSION -> userValues("session_id", hours);
          // Attribute names and values come from the newest spans only: reading every span's map
          // over a month would cost seconds, and the names in use show up in any recent sample.
          case ATTRIBUTE_KEY ->
              "SELECT v, count() AS n FROM (SELECT attributes.keys AS ks FROM spans WHERE "
                  + where
                  + " ORDER BY toStartOfHour(start_time) DESC LIMIT 20000) ARRAY JOIN ks AS v"
                  + " WHERE startsWith(lowerUTF8(v), {prefix:String})"
                  + " GROUP BY v ORDER BY n DESC, v LIMIT {limit:UInt32}";
          case ATTRIBUTE_VALUE -> {
            params.put("key", attributeKey);
            yield "SELECT v, count() AS n FROM (SELECT attributes[{key:String}] AS v FROM spans WHERE "
                + where
                + " AND mapContains(attributes, {key:String})"
                + " ORDER BY toStartOfHour(start_time) DESC LIMIT 20000)"
                + " WHERE v != '' AND startsWith(lowerUTF8(v), {prefix:String})"
                + " GROUP BY v ORDER BY n DESC, v LIMIT {limit:UInt32}";
          }
        };
    return new SearchStatement(sql, params);
  }

  private static String values(String column, String table, String where) {
    return "SELECT "
        + column
        + " AS v, count() AS n FROM "
        + table
        + " WHERE "
        + where
        + " AND v != '' AND startsWith(lowerUTF8(v), {prefix:String})"
        + " GROUP BY v ORDER BY n DESC, v LIMIT {limit:UInt32}";
  }

  private static String rollupValues(String column, String hours) {
    return "SELECT "
        + column
        + " AS v, sum(calls) AS n FROM llm_hour_rollup WHERE "
        + hours
        + " AND v != '' AND startsWith(lowerUTF8(v), {prefix:String})"
        + " GROUP BY v ORDER BY n DESC, v LIMIT {limit:UInt32}";
  }

  private static String userValues(String column, String hours) {
    return "SELECT "
        + column
        + " AS v, sum(calls) AS n FROM llm_user_rollup WHERE "
        + hours
        + " AND v != '' AND startsWith(lowerUTF8(v), {prefix:String})"
        + " GROUP BY v ORDER BY n DESC, v LIMIT {limit:UInt32}";
  }

  /** Assembles one filter's statement, numbering its parameters. */
  private static final class Builder {
    private final TraceFilter filter;
    private final Map<String, Object> params = new HashMap<>();
    private int next;

    Builder(String project, TraceFilter filter) {
      this.filter = filter;
      params.put("project", project);
    }

    /**
     * SELECT … FROM spans … GROUP BY trace_id HAVING the filter's terms; the caller appends its own
     * HAVING conditions (with AND) and ordering.
     */
    String traces(boolean listing) {
      StringBuilder sql = new StringBuilder();
      sql.append(
          """
          SELECT
              trace_id,
              argMin(service, (parent_span_id != '', start_time))             AS root_service,
              argMin(name, (parent_span_id != '', start_time))                AS root_name,
              min(start_time)                                                 AS trace_start,
              toUInt64(greatest(max(toUnixTimestamp64Nano(start_time) + toInt64(duration_ns))
                                - min(toUnixTimestamp64Nano(start_time)), 0))  AS trace_duration_ns,
              count()                                                         AS span_count,
              countIf(is_llm)                                                 AS llm_calls,
              sumIf(input_tokens, is_llm)                                     AS total_input_tokens,
              sumIf(output_tokens, is_llm)                                    AS total_output_tokens,
              countIf(is_llm AND tokens_estimated)                            AS estimated_calls,
              arraySort(groupUniqArrayIf(if(response_model != '', response_model, request_model), is_llm)) AS models,
              countIf(status_code = 'ERROR') > 0                              AS has_error,
              argMinIf(user_id, start_time, user_id != '')                    AS trace_user,
              argMinIf(session_id, start_time, session_id != '')              AS trace_session""");
      TextMatch firstText = firstPositiveText();
      if (listing && firstText != null) {
        String p = like(firstText.phrase());
        sql.append(",\n    argMinIf(span_id, start_time, ")
            .append(SEARCH_TEXT)
            .append(" LIKE ")
            .append(p)
            .append(") AS hit_span");
      }
      if (filter.comparesCost()) {
        sql.append(",\n    ").append(costExpression()).append(" AS trace_cost");
      }
      sql.append(
          """

          FROM spans FINAL
          WHERE project_id = {project:String}
            AND start_time >= fromUnixTimestamp64Nano({win_from_ns:Int64} - {slack_ns:Int64}, 'UTC')
            AND start_time < fromUnixTimestamp64Nano({win_to_ns:Int64} + {slack_ns:Int64}, 'UTC')""");
      params.put("slack_ns", SLACK_NANOS);
      String prefilter = prefilter();
      if (prefilter != null) {
        // The traces of the window with a span matching the most selective term, found through the
        // spans table's skip and text indexes; their spans are then read by the primary key (hour,
        // trace id), the hours either side included.
        sql.append(
                "\n  AND (toStartOfHour(start_time), trace_id) IN ("
                    + "SELECT arrayJoin([h - toIntervalHour(1), h, h + toIntervalHour(1)]), trace_id FROM ("
                    + "SELECT DISTINCT toStartOfHour(start_time) AS h, trace_id FROM spans"
                    + " WHERE project_id = {project:String}"
                    + " AND start_time >= fromUnixTimestamp64Nano({win_from_ns:Int64}, 'UTC')"
                    + " AND start_time < fromUnixTimestamp64Nano({win_to_ns:Int64}, 'UTC')"
                    + " AND ")
            .append(prefilter)
            .append("))");
      }
      sql.append("\nGROUP BY trace_id\nHAVING 1");
      for (FieldMatch m : filter.fields()) {
        sql.append("\n  AND countIf(")
            .append(spanCondition(m))
            .append(m.negated() ? ") = 0" : ") > 0");
      }
      for (TextMatch t : filter.texts()) {
        sql.append("\n  AND countIf(")
            .append(SEARCH_TEXT)
            .append(" LIKE ")
            .append(like(t.phrase()))
            .append(t.negated() ? ") = 0" : ") > 0");
      }
      if (filter.errors() != null) {
        sql.append(filter.errors() ? "\n  AND has_error" : "\n  AND NOT has_error");
      }
      for (Threshold t : filter.thresholds()) {
        String value = bind("Float64", t.value());
        String op = t.relation().sql();
        sql.append("\n  AND ")
            .append(
                switch (t.measure()) {
                  case LATENCY_MS -> "trace_duration_ns " + op + " " + value + " * 1000000";
                  case TTFT_MS ->
                      "countIf(is_llm AND ttft_ms IS NOT NULL AND ttft_ms "
                          + op
                          + " "
                          + value
                          + ") > 0";
                  case TOKENS -> "(total_input_tokens + total_output_tokens) " + op + " " + value;
                  case COST_USD -> "trace_cost " + op + " " + value;
                });
      }
      return sql.toString();
    }

    private TextMatch firstPositiveText() {
      return filter.texts().stream().filter(t -> !t.negated()).findFirst().orElse(null);
    }

    /** A span condition that every matching trace has a span for, cheap to find; null if none. */
    private String prefilter() {
      TextMatch text = firstPositiveText();
      if (text != null) {
        String pattern = like(text.phrase());
        return text.phrase().indexOf('\n') < 0
            ? SEARCH_WORDS + " LIKE " + pattern + " AND " + SEARCH_TEXT + " LIKE " + pattern
            : SEARCH_TEXT + " LIKE " + pattern;
      }
      for (FilterField field :
          List.of(
              FilterField.SESSION, FilterField.USER, FilterField.ATTRIBUTE, FilterField.PROMPT)) {
        for (FieldMatch m : filter.fields()) {
          if (m.field() == field && !m.negated()) {
            return spanCondition(m);
          }
        }
      }
      if (Boolean.TRUE.equals(filter.errors())) {
        return "status_code = 'ERROR'";
      }
      return null;
    }

    private String spanCondition(FieldMatch m) {
      String in = in(m.values());
      return switch (m.field()) {
        case SERVICE -> "service IN " + in;
        case MODEL -> "(is_llm AND (request_model IN " + in + " OR response_model IN " + in + "))";
        case PROVIDER -> "(is_llm AND llm_provider IN " + in + ")";
        case USER -> "user_id IN " + in;
        case SESSION -> "session_id IN " + in;
        case PROMPT -> "(prompt_version IN " + in + " OR prompt_fingerprint IN " + in + ")";
        case ATTRIBUTE -> {
          String key = bind("String", m.key());
          yield "(attributes["
              + key
              + "] IN "
              + in
              + " OR resource_attributes["
              + key
              + "] IN "
              + in
              + ")";
        }
      };
    }

    /** The trace's LLM calls priced with the filter's unit prices (see {@link CostSql}). */
    private String costExpression() {
      CostSql.bind(params, "price", filter.prices());
      return "sumIf("
          + CostSql.rowCost("price", CostSql.SPANS)
          + ", is_llm AND (usage_reported OR tokens_estimated))";
    }

    private String in(List<String> values) {
      StringJoiner j = new StringJoiner(", ", "(", ")");
      for (String v : values) {
        j.add(bind("String", v));
      }
      return j.toString();
    }

    private String like(String phrase) {
      return "concat('%', lowerUTF8(" + bind("String", escapeLike(phrase)) + "), '%')";
    }

    private String bind(String type, Object value) {
      String name = "f" + next++;
      params.put(name, value);
      return "{" + name + ":" + type + "}";
    }
  }

  /** The phrase as a LIKE pattern's literal part: %, _ and \ match themselves. */
  static String escapeLike(String phrase) {
    StringBuilder sb = new StringBuilder(phrase.length() + 8);
    for (int i = 0; i < phrase.length(); i++) {
      char c = phrase.charAt(i);
      if (c == '%' || c == '_' || c == '\\') {
        sb.append('\\');
      }
      sb.append(c);
    }
    return sb.toString();
  }

  static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }

  static long nanos(Instant instant) {
    return ClickHouseTraceReader.nanos(instant);
  }
}
