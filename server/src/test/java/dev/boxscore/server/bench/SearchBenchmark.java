package dev.boxscore.server.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.boxscore.server.EmbeddedInfrastructureAccess;
import dev.boxscore.server.config.AuthConfig;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The trace search benchmark (issue 16), not part of the build's tests (its name does not end in
 * Test, and it runs only with {@code -Dbenchmark.search=true}). Run it with
 *
 * <pre>
 * ./mvnw -B -o -pl storage,query-api,server -am test -Dtest=SearchBenchmark \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dspotless.check.skip=true -Dui.browserTests.skip=true \
 *     -Dbenchmark.search=true -Dbenchmark.spans=10000000 -Dbenchmark.dataDir=/work/bench-data/10m-search
 * </pre>
 *
 * <p>With the data of {@link SearchData} stored (generated once into the kept data directory, or
 * reused from it), it times through the real HTTP API, warm ({@code benchmark.warmup} untimed
 * calls, default 5, then {@code benchmark.runs} timed ones, default 30): full-text search over 7
 * days (a common word, and the planted English phrase, Chinese word and Arabic word, whose answers
 * it asserts), each filter key over 30 days, no filter over 7 and 30 days (first pages of 50), a
 * trace by id, a user's 30 days, and the histogram without and with a filter over 7 days. For each
 * it prints p50/p95/max, the process's CPU per call, and the engine's own counters per call
 * (SELECTs, their summed time, rows and bytes read, from system.events; the engine keeps no query
 * log), against the issue's targets; then the raw floor (the engine alone answering {@code SELECT
 * 1}), the load average and the data's size on disk (tables, the text and skip indexes, the big
 * columns). Results also go to target/search-benchmark.txt.
 *
 * <p>For finding out why a figure is slow, all on the engine alone and after the questions:
 *
 * <ul>
 *   <li>{@code benchmark.only} (comma-separated words): only the questions whose name contains one
 *       ({@code zzz}: none);
 *   <li>{@code benchmark.showSql}: a file of SQL lines run in order, answers printed (e.g. an
 *       {@code ALTER} on a copy of the data directory);
 *   <li>{@code benchmark.extraSql}: a file of {@code name|SQL} lines, each timed with the rows,
 *       marks and bytes it read ({@code benchmark.extraExplain=true}: and its {@code EXPLAIN
 *       indexes = 1}); {@code $P} is the project, {@code $END}, {@code $WEEK} and {@code $MONTH}
 *       the end, 7 and 30 days before it, in nanoseconds;
 *   <li>{@code benchmark.explain}: a file of lines for {@link #explain}: a search's own window
 *       statements as the reader runs them, the statements after them, the user and trace-by-id
 *       statements ({@code benchmark.explainRuns} runs each, default 5).
 * </ul>
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "benchmark.search", matches = "true")
class SearchBenchmark {
  private static final String KEY = "bx_test_key";
  private static final ObjectMapper JSON = new ObjectMapper();

  @Inject AuthConfig auth;

  @TestHTTPResource("/")
  URI base;

  private final HttpClient api = HttpClient.newHttpClient();
  private final HttpClient http = HttpClient.newHttpClient();
  private String url;
  private final List<Result> results = new ArrayList<>();

  /** One question's figures; per call. */
  private record Result(
      String name,
      String target,
      double targetMs,
      double p50,
      double p95,
      double max,
      double cpu,
      double selects,
      double engineMs,
      double rows,
      double bytes,
      String answer) {
    boolean met() {
      return targetMs <= 0 || p95 <= targetMs;
    }
  }

  @Test
  void run() throws Exception {
    long spans = Long.getLong("benchmark.spans", 10_000_000);
    int runs = Integer.getInteger("benchmark.runs", 30);
    url = EmbeddedInfrastructureAccess.clickHouseUrl();
    StringBuilder report = new StringBuilder();
    String project = auth.bootstrapProject();
    SearchData.Generated data =
        SearchData.prepare(
            http, url, project, spans, Long.getLong("benchmark.chunk", 1_000_000), report);
    Instant end = data.end();
    Instant week = end.minus(Duration.ofDays(7));
    Instant month = data.start();
    EngineState.settle(http, url, report);
    EngineState.sizes(http, url, report);
    BenchData.line(report, "load average before timing: " + BenchData.loadAverage() + "\n");

    // What the questions look for, read from the data.
    String p = "project_id = '" + project + "'";
    String recent =
        p
            + " AND start_time >= fromUnixTimestamp64Nano(toInt64("
            + nanos(end.minusSeconds(3600))
            + "))";
    String user =
        BenchData.sql(
                http,
                url,
                "SELECT user_id FROM boxscore.spans WHERE "
                    + recent
                    + " AND user_id != '' ORDER BY start_time DESC LIMIT 1 FORMAT TabSeparated")
            .trim();
    // A session of several traces, recent.
    String session =
        BenchData.sql(
                http,
                url,
                "SELECT session_id FROM boxscore.spans WHERE "
                    + p
                    + " AND start_time >= fromUnixTimestamp64Nano(toInt64("
                    + nanos(end.minus(Duration.ofDays(1)))
                    + ")) AND session_id != '' GROUP BY session_id ORDER BY uniq(trace_id) DESC,"
                    + " session_id LIMIT 1 FORMAT TabSeparated")
            .trim();
    String traceId = SearchData.Generated.traceId(data.traces() / 2);
    BenchData.line(
        report,
        "user " + user + ", session " + session + ", trace " + traceId + " (15 days back)\n");

    // The planted needles: the engine alone counts them first (all 30 days).
    for (SearchData.Needle n : SearchData.NEEDLES) {
      long stored =
          SearchData.count(
              http,
              url,
              "boxscore.spans WHERE "
                  + p
                  + " AND positionUTF8(llm_output, "
                  + SearchData.lit(n.term())
                  + ") > 0");
      assertThat(stored)
          .as(n.name() + " stored")
          .isEqualTo(SearchData.NEEDLES_IN_WEEK + SearchData.NEEDLES_BEFORE);
    }

    Map<String, String> w = range(week, end);
    Map<String, String> m = range(month, end);
    time(
        report,
        runs,
        "text, common word '" + SearchData.COMMON_WORD + "', 7 d",
        300,
        w,
        SearchData.COMMON_WORD);
    for (SearchData.Needle n : SearchData.NEEDLES) {
      String q = n.term().contains(" ") ? "\"" + n.term() + "\"" : n.term();
      Result r = time(report, runs, "text, " + n.name() + ", 7 d", 300, w, q);
      if (r != null) {
        assertThat(r.answer())
            .as(n.name())
            .isEqualTo(SearchData.NEEDLES_IN_WEEK + " traces, last page");
      }
    }
    // Each key of the grammar once, as a first page over 30 days.
    for (String f :
        List.of(
            "service:support",
            "model:gpt-4o",
            "provider:anthropic",
            "status:error",
            "latency:>2s",
            "ttft:>500ms",
            "cost:>0.01",
            "tokens:>1000",
            "user:" + user,
            "session:" + session,
            "prompt:v2",
            "attr.app.tenant:tenant-42")) {
      time(report, runs, "filter " + f + ", 30 d", 300, m, f);
    }
    time(report, runs, "no filter, 7 d", 0, w, null);
    time(report, runs, "no filter, 30 d", 0, m, null);
    time(report, runs, "trace by id", 50, "/api/v1/traces/" + traceId, Map.of());
    time(report, runs, "user, 30 d", 150, "/api/v1/users/" + user, m);
    time(report, runs, "histogram, no filter, 7 d", 0, "/api/v1/traces/histogram", w);
    Map<String, String> hq = new LinkedHashMap<>(w);
    hq.put("q", "model:gpt-4o");
    time(report, runs, "histogram, model:gpt-4o, 7 d", 0, "/api/v1/traces/histogram", hq);
    BenchData.line(
        report, "load average after the API questions: " + BenchData.loadAverage() + "\n");

    BenchData.timeSql(report, runs, http, url, "engine: SELECT 1", "SELECT 1");
    String show = System.getProperty("benchmark.showSql");
    if (show != null) {
      for (String l : Files.readAllLines(Path.of(show))) {
        if (!l.isBlank() && !l.startsWith("#")) {
          String q = placeholders(l, project, end);
          long t = System.nanoTime();
          String answer = BenchData.sql(http, url, q);
          BenchData.line(
              report,
              String.format("%n%s%n(%.1f s)%n%s%n", q, (System.nanoTime() - t) / 1e9, answer));
        }
      }
    }
    String extra = System.getProperty("benchmark.extraSql");
    if (extra != null) {
      for (String l : Files.readAllLines(Path.of(extra))) {
        if (!l.contains("|") || l.startsWith("#")) {
          continue;
        }
        try {
          SearchExplain.statement(
              report,
              http,
              url,
              l.substring(0, l.indexOf('|')),
              placeholders(l.substring(l.indexOf('|') + 1), project, end),
              Map.of(),
              Integer.getInteger("benchmark.explainRuns", 5),
              Boolean.getBoolean("benchmark.extraExplain"));
        } catch (IllegalStateException e) {
          BenchData.line(report, l.substring(0, l.indexOf('|')) + ": " + e.getMessage() + "\n");
        }
      }
    }
    String explain = System.getProperty("benchmark.explain");
    if (explain != null) {
      explain(report, project, data, user, traceId, Files.readAllLines(Path.of(explain)));
    }
    report.append('\n').append(table());
    System.out.println("=== search benchmark ===\n" + report);
    Files.writeString(Path.of("target", "search-benchmark.txt"), report.toString());
  }

  /**
   * {@code benchmark.explain}: a file of lines {@code DAYS|Q[|HOURS]} (the search's windows over
   * the last DAYS days, the first one HOURS wide, 1 as the reader does; see {@link SearchExplain}),
   * {@code hits|I} (the statements after the windows for needle I's page), {@code user} (the user
   * question's two statements, with no prices bound) or {@code trace} (the trace by id statement).
   */
  private void explain(
      StringBuilder report,
      String project,
      SearchData.Generated data,
      String user,
      String traceId,
      List<String> lines)
      throws Exception {
    Instant end = data.end();
    int runs = Integer.getInteger("benchmark.explainRuns", 5);
    for (String l : lines) {
      if (l.isBlank() || l.startsWith("#")) {
        continue;
      }
      if (l.startsWith("hits|")) {
        hits(report, project, data.traces(), Integer.parseInt(l.substring(5).trim()), runs);
        continue;
      }
      if (l.equals("user") || l.equals("trace")) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("project", project);
        if (l.equals("trace")) {
          params.put("trace_id", traceId);
          params.put("limit", 10000);
          String sql =
              new String(
                  SearchBenchmark.class
                      .getResourceAsStream("/clickhouse/queries/get_trace.sql")
                      .readAllBytes(),
                  StandardCharsets.UTF_8);
          SearchExplain.statement(report, http, url, "get_trace.sql", sql, params, runs, true);
          continue;
        }
        params.put("from_ns", nanos(end.minus(Duration.ofDays(30))));
        params.put("to_ns", nanos(end));
        params.put("user", user);
        params.put("bucket_s", 86400L);
        params.put("price_keys", "");
        for (int i = 0; i < 5; i++) {
          params.put("price_" + i, "");
        }
        for (String field : List.of("USER", "USER_SERIES")) {
          SearchExplain.statement(
              report,
              http,
              url,
              "UserQueries." + field + " (no prices bound)",
              SearchExplain.constant("dev.boxscore.storage.clickhouse.UserQueries", field),
              params,
              runs,
              true);
        }
        continue;
      }
      String[] f = l.split("\\|");
      SearchExplain.windows(
          report,
          http,
          url,
          project,
          f[1],
          end.minus(Duration.ofDays(Long.parseLong(f[0].trim()))),
          end,
          f.length > 2 ? Long.parseLong(f[2].trim()) : 1,
          runs,
          !Boolean.getBoolean("benchmark.explainQuiet"));
    }
  }

  /**
   * The two statements a full-text page runs after its windows, for the page of needle {@code i}
   * (its traces in the last 7 days): the excerpts (TraceSearchQueries.textHits) and the pricing
   * units (trace_pricing_units.sql), bound as the reader binds them.
   */
  private void hits(StringBuilder report, String project, long traces, int i, int runs)
      throws Exception {
    List<Long> page = SearchData.needleTraces(traces, i).subList(0, SearchData.NEEDLES_IN_WEEK);
    List<String> ids = page.stream().map(SearchData.Generated::traceId).toList();
    String[] range =
        BenchData.sql(
                http,
                url,
                "SELECT toUnixTimestamp64Nano(min(start_time)), toUnixTimestamp64Nano(max(start_time))"
                    + " FROM boxscore.spans WHERE parent_span_id = '' AND trace_id IN ('"
                    + String.join("', '", ids)
                    + "') FORMAT TabSeparated")
            .trim()
            .split("\t");
    long first = Long.parseLong(range[0]);
    long last = Long.parseLong(range[1]);
    Class<?> queries = Class.forName("dev.boxscore.storage.clickhouse.TraceSearchQueries");
    java.lang.reflect.Method textHits =
        queries.getDeclaredMethod(
            "textHits", String.class, String.class, List.class, Instant.class, Instant.class);
    textHits.setAccessible(true);
    List<String> keys =
        page.stream()
            .map(t -> SearchData.Generated.traceId(t) + ":" + String.format("%016x", t * 4 + 2))
            .toList();
    Object st =
        textHits.invoke(
            null,
            project,
            SearchData.NEEDLES.get(i).term(),
            keys,
            instant(first),
            instant(last + 1));
    java.lang.reflect.Method sqlOf = st.getClass().getDeclaredMethod("sql");
    java.lang.reflect.Method paramsOf = st.getClass().getDeclaredMethod("params");
    sqlOf.setAccessible(true);
    paramsOf.setAccessible(true);
    @SuppressWarnings("unchecked")
    Map<String, Object> params = (Map<String, Object>) paramsOf.invoke(st);
    SearchExplain.statement(
        report,
        http,
        url,
        "textHits, " + SearchData.NEEDLES.get(i).name(),
        (String) sqlOf.invoke(st),
        params,
        runs,
        true);
    // The fix proposed for it: the same statement with the page's trace ids as a set on trace_id,
    // which the primary key and idx_trace_id can use (the concat(...) IN set alone cannot).
    String sql = (String) sqlOf.invoke(st);
    String marker = "AND concat(trace_id, ':', span_id) IN";
    if (sql.contains(marker)) {
      SearchExplain.statement(
          report,
          http,
          url,
          "textHits with trace_id IN (proposed), " + SearchData.NEEDLES.get(i).name(),
          sql.replace(
              marker,
              "AND trace_id IN (SELECT splitByChar(':', k)[1] FROM"
                  + " (SELECT arrayJoin(splitByChar('\\x1f', {span_keys:String})) AS k))\n              "
                  + marker),
          params,
          runs,
          true);
    }
    Map<String, Object> pricing = new LinkedHashMap<>();
    pricing.put("project", project);
    pricing.put("trace_ids", String.join(",", ids));
    pricing.put("from_ns", first - 3_600_000_000_000L);
    pricing.put("to_ns", last + 3_600_000_000_000L);
    SearchExplain.statement(
        report,
        http,
        url,
        "trace_pricing_units.sql, " + SearchData.NEEDLES.get(i).name(),
        new String(
            SearchBenchmark.class
                .getResourceAsStream("/clickhouse/queries/trace_pricing_units.sql")
                .readAllBytes(),
            StandardCharsets.UTF_8),
        pricing,
        runs,
        true);
  }

  private static Instant instant(long nanos) {
    return Instant.ofEpochSecond(nanos / 1_000_000_000L, nanos % 1_000_000_000L);
  }

  private static String placeholders(String sql, String project, Instant end) {
    return sql.replace("$P", project)
        .replace("$END", Long.toString(nanos(end)))
        .replace("$WEEK", Long.toString(nanos(end.minus(Duration.ofDays(7)))))
        .replace("$MONTH", Long.toString(nanos(end.minus(Duration.ofDays(30)))));
  }

  private static Map<String, String> range(Instant from, Instant to) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("from", from.toString());
    m.put("to", to.toString());
    return m;
  }

  private static long nanos(Instant i) {
    return i.getEpochSecond() * 1_000_000_000L + i.getNano();
  }

  /** A page of the trace list: q, the range and limit 50. */
  private Result time(
      StringBuilder report,
      int runs,
      String name,
      double targetMs,
      Map<String, String> range,
      String q)
      throws IOException, InterruptedException {
    Map<String, String> params = new LinkedHashMap<>();
    if (q != null) {
      params.put("q", q);
    }
    params.putAll(range);
    params.put("limit", "50");
    return time(report, runs, name, targetMs, "/api/v1/traces", params);
  }

  private static boolean selected(String name) {
    String only = System.getProperty("benchmark.only", "");
    return only.isBlank() || Arrays.stream(only.split(",")).anyMatch(w -> name.contains(w.trim()));
  }

  /**
   * Times one API question through plain java.net.http, after {@code benchmark.warmup} untimed
   * calls; the engine's counters are read before and after the timed calls.
   */
  private Result time(
      StringBuilder report,
      int runs,
      String name,
      double targetMs,
      String path,
      Map<String, String> params)
      throws IOException, InterruptedException {
    if (!selected(name)) {
      return null;
    }
    StringBuilder query = new StringBuilder();
    params.forEach(
        (k, v) ->
            query
                .append(query.length() == 0 ? "?" : "&")
                .append(k)
                .append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
    HttpRequest request =
        HttpRequest.newBuilder(base.resolve(path + query))
            .header("Authorization", "Bearer " + KEY)
            .timeout(Duration.ofMinutes(5))
            .GET()
            .build();
    String answer = describe(call(request));
    for (int i = 1; i < Integer.getInteger("benchmark.warmup", 5); i++) {
      call(request);
    }
    Map<String, Long> events0 = engineEvents();
    double[] ms = new double[runs];
    long cpu0 = BenchData.processCpuMillis();
    for (int i = 0; i < runs; i++) {
      long t = System.nanoTime();
      call(request);
      ms[i] = (System.nanoTime() - t) / 1e6;
    }
    double cpu = (BenchData.processCpuMillis() - cpu0) / (double) runs;
    Map<String, Long> events1 = engineEvents();
    // One SELECT of the counters themselves falls inside the window.
    double selects = (delta(events0, events1, "SelectQuery") - 1) / (double) runs;
    double engineMs = delta(events0, events1, "SelectQueryTimeMicroseconds") / 1000.0 / runs;
    double rows = delta(events0, events1, "SelectedRows") / (double) runs;
    double bytes = delta(events0, events1, "SelectedBytes") / (double) runs;
    Arrays.sort(ms);
    Result r =
        new Result(
            name,
            targetMs > 0 ? "≤ " + (int) targetMs + " ms" : "none",
            targetMs,
            ms[runs / 2],
            ms[(int) Math.ceil(runs * 0.95) - 1],
            ms[runs - 1],
            cpu,
            selects,
            engineMs,
            rows,
            bytes,
            answer);
    results.add(r);
    BenchData.line(
        report,
        String.format(
            "%-48s p50 %7.1f  p95 %7.1f  max %7.1f ms  cpu %6.1f ms/call  engine: %4.1f SELECTs"
                + " %7.1f ms %,12.0f rows %,8.1f MB per call  target %s%s  (%d runs; %s)%n",
            name,
            r.p50(),
            r.p95(),
            r.max(),
            cpu,
            selects,
            engineMs,
            rows,
            bytes / 1e6,
            r.target(),
            r.met() ? "" : " MISSED",
            runs,
            answer));
    return r;
  }

  private static long delta(Map<String, Long> a, Map<String, Long> b, String key) {
    return b.getOrDefault(key, 0L) - a.getOrDefault(key, 0L);
  }

  /** What an answer holds, in a few words: traces on the page and whether another follows. */
  private static String describe(byte[] body) throws IOException {
    JsonNode n = JSON.readTree(body);
    if (n.path("traces").isArray()) {
      return n.get("traces").size()
          + " traces, "
          + (n.path("nextCursor").isNull() || n.path("nextCursor").isMissingNode()
              ? "last page"
              : "more");
    }
    if (n.has("points")) {
      long traces = 0;
      for (JsonNode point : n.get("points")) {
        traces += point.path("traces").asLong();
      }
      return n.get("points").size() + " buckets, " + traces + " traces";
    }
    if (n.has("spans")) {
      return n.get("spans").size() + " spans";
    }
    if (n.has("calls")) {
      return n.get("calls").asLong() + " calls, cost " + n.path("costUsd").asText();
    }
    return body.length + " bytes";
  }

  private Map<String, Long> engineEvents() throws IOException, InterruptedException {
    Map<String, Long> out = new TreeMap<>();
    String rows =
        BenchData.sql(
            http,
            url,
            "SELECT event, value FROM system.events WHERE event IN ('SelectQuery',"
                + " 'SelectQueryTimeMicroseconds', 'SelectedRows', 'SelectedBytes')"
                + " FORMAT TabSeparated");
    for (String line : rows.trim().split("\n")) {
      String[] f = line.split("\t");
      if (f.length == 2) {
        out.put(f[0], Long.parseLong(f[1]));
      }
    }
    return out;
  }

  private byte[] call(HttpRequest request) throws IOException, InterruptedException {
    HttpResponse<byte[]> r = api.send(request, HttpResponse.BodyHandlers.ofByteArray());
    if (r.statusCode() != 200) {
      throw new IllegalStateException(
          request.uri()
              + " answered "
              + r.statusCode()
              + ": "
              + new String(r.body(), StandardCharsets.UTF_8));
    }
    return r.body();
  }

  /** The results as a Markdown table. */
  private String table() {
    StringBuilder t =
        new StringBuilder(
            "| question (through HTTP) | p50 / p95 ms | target | engine per call: SELECTs, ms,"
                + " rows read | answer |\n|---|---|---|---|---|\n");
    for (Result r : results) {
      t.append(
          String.format(
              "| %s | %.0f / %s | %s | %.1f, %.0f ms, %,.0f | %s |%n",
              r.name(),
              r.p50(),
              r.met() && r.targetMs() > 0
                  ? String.format("**%.0f**", r.p95())
                  : String.format("%.0f", r.p95()),
              r.target() + (r.targetMs() <= 0 ? "" : r.met() ? " met" : " **missed**"),
              r.selects(),
              r.engineMs(),
              r.rows(),
              r.answer()));
    }
    return t.toString();
  }
}
