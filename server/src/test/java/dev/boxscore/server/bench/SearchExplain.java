package dev.boxscore.server.bench;

import dev.boxscore.query.service.search.SearchQueryParser;
import dev.boxscore.storage.search.TraceFilter;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;

/**
 * Where a search's time goes, statement by statement, on the engine alone: it runs the trace
 * reader's own window statements ({@code TraceSearchQueries.window}, reached by reflection since
 * the class is the storage module's own) for one search the way the reader does (newest window of
 * an hour first, then ×4 after a window with matches, ×8 after one without, until a page of 51 is
 * full or the range is read), and for each window prints its time, the rows, marks and bytes the
 * engine read for it (system.events), the traces it answered, and its {@code EXPLAIN indexes = 1}.
 * Cost thresholds are left out (they need the project's prices).
 */
final class SearchExplain {
  private static final long HOUR_NANOS = 3_600_000_000_000L;

  private SearchExplain() {}

  static void windows(
      StringBuilder report,
      HttpClient http,
      String url,
      String project,
      String q,
      Instant from,
      Instant to,
      long firstWindowHours,
      int runs,
      boolean explain)
      throws Exception {
    TraceFilter filter = SearchQueryParser.parse(q);
    Class<?> queries = Class.forName("dev.boxscore.storage.clickhouse.TraceSearchQueries");
    Class<?> cursor = Class.forName("dev.boxscore.storage.TraceCursor");
    Method window =
        queries.getDeclaredMethod(
            "window",
            String.class,
            TraceFilter.class,
            Instant.class,
            Instant.class,
            cursor,
            int.class);
    window.setAccessible(true);
    BenchData.line(
        report,
        String.format(
            "%nwindows of q=%s over [%s, %s), the first %d h:%n", q, from, to, firstWindowHours));
    int want = 51;
    int found = 0;
    long width = HOUR_NANOS * firstWindowHours;
    Instant windowTo = to;
    while (found < want && windowTo.isAfter(from)) {
      Instant windowFrom = windowTo.minusNanos(width);
      if (windowFrom.isBefore(from)) {
        windowFrom = from;
      }
      Object statement =
          window.invoke(null, project, filter, windowFrom, windowTo, null, want - found);
      String sql = withWords((String) accessor(statement, "sql"));
      @SuppressWarnings("unchecked")
      Map<String, Object> params = (Map<String, Object>) accessor(statement, "params");
      String bound = url + "/?database=boxscore" + urlParams(params);
      int answered = lines(BenchData.sql(http, bound, sql + " FORMAT TabSeparated"));
      Map<String, Long> e0 = events(http, url);
      double[] ms = new double[runs];
      for (int i = 0; i < runs; i++) {
        long t = System.nanoTime();
        BenchData.sql(http, bound, sql + " FORMAT Null");
        ms[i] = (System.nanoTime() - t) / 1e6;
      }
      Map<String, Long> e1 = events(http, url);
      Arrays.sort(ms);
      BenchData.line(
          report,
          String.format(
              "  window %6.1f h ending %4.1f h before the end: %2d traces, p50 %7.1f ms, engine"
                  + " %7.1f ms, %,11.0f rows, %,7.0f marks, %7.1f MB read per run%n",
              Duration.between(windowFrom, windowTo).toMinutes() / 60.0,
              Duration.between(windowTo, to).toMinutes() / 60.0,
              answered,
              ms[runs / 2],
              d(e0, e1, "SelectQueryTimeMicroseconds") / 1000.0 / runs,
              d(e0, e1, "SelectedRows") / (double) runs,
              d(e0, e1, "SelectedMarks") / (double) runs,
              d(e0, e1, "SelectedBytes") / 1e6 / runs));
      if (explain) {
        BenchData.line(
            report,
            BenchData.sql(http, bound, "EXPLAIN indexes = 1 " + sql).replaceAll("(?m)^", "    ")
                + "\n");
      }
      found += answered;
      windowTo = windowFrom;
      width = Math.min(Long.MAX_VALUE / 16, width * (answered == 0 ? 8 : 4));
    }
  }

  /**
   * With {@code -Dbenchmark.proposeWords=true}: the statement as the proposed fix for phrases whose
   * bigrams are common would send it, the prefilter's LIKE also asked of the same text joined by
   * spaces, which a word-token text index (tokenizer splitByNonAlpha) on that expression can
   * answer; only meaningful on a data directory that has that index.
   */
  static String withWords(String sql) throws ReflectiveOperationException {
    if (!Boolean.getBoolean("benchmark.proposeWords")) {
      return sql;
    }
    String text = constant("dev.boxscore.storage.clickhouse.TraceSearchQueries", "SEARCH_TEXT");
    String words = text.replace("'\\n'", "' '");
    int prefilter = sql.indexOf("SELECT DISTINCT toStartOfHour(start_time) AS h");
    int at = prefilter < 0 ? -1 : sql.indexOf(text + " LIKE ", prefilter);
    if (at < 0) {
      return sql;
    }
    int end = sql.indexOf("'%')", at) + 4;
    String like = sql.substring(at + text.length(), end);
    return sql.substring(0, end) + " AND " + words + like + sql.substring(end);
  }

  /** Times SQL with bound parameters on the engine alone and reports what it read. */
  static void statement(
      StringBuilder report,
      HttpClient http,
      String url,
      String name,
      String sql,
      Map<String, Object> params,
      int runs,
      boolean explain)
      throws IOException, InterruptedException {
    String bound = url + "/?database=boxscore" + urlParams(params);
    String answer = BenchData.sql(http, bound, sql + " FORMAT TabSeparated").trim();
    int answered = lines(answer);
    Map<String, Long> e0 = events(http, url);
    double[] ms = new double[runs];
    for (int i = 0; i < runs; i++) {
      long t = System.nanoTime();
      BenchData.sql(http, bound, sql + " FORMAT Null");
      ms[i] = (System.nanoTime() - t) / 1e6;
    }
    Map<String, Long> e1 = events(http, url);
    Arrays.sort(ms);
    BenchData.line(
        report,
        String.format(
            "%n%s: %s, p50 %.1f ms, engine %.1f ms, %,.0f rows, %,.0f marks,"
                + " %.1f MB read per run%n",
            name,
            answered == 1 && answer.length() < 60
                ? "answer " + answer.replace('\t', ' ')
                : answered + " rows answered",
            ms[runs / 2],
            d(e0, e1, "SelectQueryTimeMicroseconds") / 1000.0 / runs,
            d(e0, e1, "SelectedRows") / (double) runs,
            d(e0, e1, "SelectedMarks") / (double) runs,
            d(e0, e1, "SelectedBytes") / 1e6 / runs));
    if (explain) {
      BenchData.line(
          report,
          BenchData.sql(http, bound, "EXPLAIN indexes = 1 " + sql).replaceAll("(?m)^", "    ")
              + "\n");
    }
  }

  /** A static String constant of a storage class, e.g. a user query of UserQueries. */
  static String constant(String className, String field) throws ReflectiveOperationException {
    var f = Class.forName(className).getDeclaredField(field);
    f.setAccessible(true);
    return (String) f.get(null);
  }

  private static Object accessor(Object record, String name) throws ReflectiveOperationException {
    Method m = record.getClass().getDeclaredMethod(name);
    m.setAccessible(true);
    return m.invoke(record);
  }

  private static int lines(String answer) {
    String t = answer.trim();
    return t.isEmpty() ? 0 : t.split("\n").length;
  }

  /** Parameters as the HTTP interface takes them: param_NAME=value, Strings escaped as TSV. */
  static String urlParams(Map<String, Object> params) {
    StringBuilder sb = new StringBuilder();
    params.forEach(
        (k, v) ->
            sb.append("&param_")
                .append(k)
                .append('=')
                .append(
                    URLEncoder.encode(
                        v instanceof String s
                            ? s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")
                            : String.valueOf(v),
                        StandardCharsets.UTF_8)));
    return sb.toString();
  }

  private static long d(Map<String, Long> a, Map<String, Long> b, String key) {
    return b.getOrDefault(key, 0L) - a.getOrDefault(key, 0L);
  }

  static Map<String, Long> events(HttpClient http, String url)
      throws IOException, InterruptedException {
    Map<String, Long> out = new java.util.TreeMap<>();
    String rows =
        BenchData.sql(
            http,
            url,
            "SELECT event, value FROM system.events WHERE event IN ('SelectQuery',"
                + " 'SelectQueryTimeMicroseconds', 'SelectedRows', 'SelectedBytes', 'SelectedMarks')"
                + " FORMAT TabSeparated");
    for (String line : rows.trim().split("\n")) {
      String[] f = line.split("\t");
      if (f.length == 2) {
        out.put(f[0], Long.parseLong(f[1]));
      }
    }
    return out;
  }
}
