package dev.boxscore.server.bench;

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
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The analytics benchmark, not part of the build's tests (its name does not end in Test). Run it
 * with
 *
 * <pre>
 * ./mvnw -B -pl server -am verify -DskipITs -Dui.browserTests.skip=true -Dtest=AnalyticsBenchmark \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dbenchmark.spans=10000000 -Dbenchmark.runs=30 \
 *     [-Dbenchmark.dataDir=/some/dir]
 * </pre>
 *
 * It generates {@code benchmark.spans} LLM spans spread evenly over the 30 days before the current
 * hour inside the embedded engine (INSERT ... SELECT FROM numbers(), in chunks, through the normal
 * spans table so the rollups' materialized views fill as in production), then times each API
 * question {@code benchmark.runs} times through the real HTTP API and prints p50/p95/max per
 * question, the rows and size on disk of every table, the load average, and raw limits (the engine
 * alone counting the same rows) measured in the same run. Results also go to
 * target/analytics-benchmark.txt.
 *
 * <p>{@code benchmark.dataDir} keeps the data directory: a later run with the same {@code
 * benchmark.spans} reuses the data (its 30 days end where they ended) instead of generating it
 * again, and runs the pending migrations on it first, as a server upgrade would.
 *
 * <p>For work on one question: {@code benchmark.only} (comma-separated words) runs only the
 * questions and raw limits whose name contains one; {@code benchmark.extraSql} names a file of
 * {@code name|SQL} lines timed as extra raw limits ({@code $P} = the project, {@code $END} = the
 * end in epoch seconds), to compare query shapes in the same run.
 */
@QuarkusTest
class AnalyticsBenchmark {
  private static final String KEY = "bx_test_key";

  @Inject AuthConfig auth;

  @TestHTTPResource("/")
  URI base;

  private final HttpClient api = HttpClient.newHttpClient();

  /**
   * CPU cores this process uses while no question runs, subtracted from each question's CPU per
   * call.
   */
  private double backgroundCpuShare;

  @Test
  void run() throws Exception {
    long spans = Long.getLong("benchmark.spans", 1_000_000);
    int runs = Integer.getInteger("benchmark.runs", 40);
    long chunk = Long.getLong("benchmark.chunk", 1_000_000);
    String url = EmbeddedInfrastructureAccess.clickHouseUrl();
    HttpClient http = HttpClient.newHttpClient();
    Instant end = Instant.now().truncatedTo(ChronoUnit.HOURS);
    Instant start = end.minus(Duration.ofDays(30));
    StringBuilder report = new StringBuilder();
    report.append("spans=").append(spans).append(" over 30 days ending ").append(end).append('\n');

    String project = auth.bootstrapProject();
    long stored =
        Long.parseLong(
            sql(
                    http,
                    url,
                    "SELECT count() FROM boxscore.spans WHERE project_id = '"
                        + project
                        + "' FORMAT TabSeparated")
                .trim());
    if (stored == spans) {
      // A kept data directory (-Dbenchmark.dataDir) already holds the data: reuse it, ending where
      // it ends.
      // The first span starts in the first hour (the last one's jitter may cross into the hour
      // after the end).
      end =
          Instant.ofEpochSecond(
              Long.parseLong(
                  sql(
                          http,
                          url,
                          "SELECT toUnixTimestamp(toStartOfHour(min(start_time))) + 30 * 86400 FROM boxscore.spans"
                              + " WHERE project_id = '"
                              + project
                              + "' FORMAT TabSeparated")
                      .trim()));
      report.setLength(0);
      report
          .append("spans=")
          .append(spans)
          .append(" over 30 days ending ")
          .append(end)
          .append(" (reused from ")
          .append(System.getProperty("benchmark.dataDir"))
          .append(")\n");
    } else if (stored != 0) {
      throw new IllegalStateException(
          "the data directory holds "
              + stored
              + " spans, not "
              + spans
              + ": use an empty or a matching -Dbenchmark.dataDir");
    } else {
      long t0 = System.nanoTime();
      for (long offset = 0; offset < spans; offset += chunk) {
        long n = Math.min(chunk, spans - offset);
        sql(http, url, generate(project, start, spans, offset, n));
        System.out.printf(
            "benchmark: %d spans written after %.1f s%n",
            offset + n, (System.nanoTime() - t0) / 1e9);
      }
      double genS = (System.nanoTime() - t0) / 1e9;
      report.append(String.format("generation: %.1f s (%.0f spans/s)%n", genS, spans / genS));
      t0 = System.nanoTime();
      // The rollups merged to their final state, as a long-running server's would be.
      for (String table :
          sql(
                  http,
                  url,
                  "SELECT name FROM system.tables WHERE database = 'boxscore'"
                      + " AND engine = 'AggregatingMergeTree' FORMAT TabSeparated")
              .trim()
              .split("\n")) {
        sql(http, url, "OPTIMIZE TABLE boxscore." + table + " FINAL");
      }
      report.append(
          String.format("rollups OPTIMIZE FINAL: %.1f s%n", (System.nanoTime() - t0) / 1e9));
    }
    report.append(
        sql(
            http,
            url,
            "SELECT table, sum(rows) AS rows, formatReadableSize(sum(bytes_on_disk)) AS on_disk,"
                + " formatReadableSize(sum(data_uncompressed_bytes)) AS uncompressed, count() AS parts"
                + " FROM system.parts WHERE database = 'boxscore' AND active GROUP BY table ORDER BY table"
                + " FORMAT PrettyCompactMonoBlock"));
    report.append("load average before timing: ").append(loadAverage()).append('\n');
    backgroundCpuShare = backgroundCpuShare();
    line(
        report,
        String.format(
            "background CPU of this process while idle (broker, ingest, GC): %.2f cores%n",
            backgroundCpuShare));

    Instant day = end.minus(Duration.ofDays(1));
    Instant week = end.minus(Duration.ofDays(7));
    time(
        report,
        runs,
        "cost by model by hour, 7 days",
        "/api/v1/metrics",
        Map.of("from", week.toString(), "to", end.toString(), "bucket", "1h", "group_by", "model"));
    // The same question as a cost dashboard asks it: usage and cost only, no latency aggregates.
    time(
        report,
        runs,
        "cost by model by hour, 7 days, fields=usage",
        "/api/v1/metrics",
        Map.of(
            "from",
            week.toString(),
            "to",
            end.toString(),
            "bucket",
            "1h",
            "group_by",
            "model",
            "fields",
            "usage"));
    time(
        report,
        runs,
        "latency quantiles per model, 24 h",
        "/api/v1/metrics",
        Map.of("from", day.toString(), "to", end.toString(), "bucket", "1d", "group_by", "model"));
    time(
        report,
        runs,
        "latency quantiles per model per hour, 24 h",
        "/api/v1/metrics",
        Map.of("from", day.toString(), "to", end.toString(), "bucket", "1h", "group_by", "model"));
    time(
        report,
        runs,
        "drift, one model, last hour vs same hour 7 days",
        "/api/v1/drift",
        Map.of(
            "model",
            "gpt-4o",
            "from",
            end.minus(Duration.ofHours(1)).toString(),
            "to",
            end.toString()));
    // The same check reading up to 5,000 calls per side (the default before 2,000).
    time(
        report,
        runs,
        "drift, one model, max_samples=5000",
        "/api/v1/drift",
        Map.of(
            "model",
            "gpt-4o",
            "from",
            end.minus(Duration.ofHours(1)).toString(),
            "to",
            end.toString(),
            "max_samples",
            "5000"));
    time(
        report,
        runs,
        "swaps, 24 h",
        "/api/v1/drift/swaps",
        Map.of("from", day.toString(), "to", end.toString()));
    // Not one of issue 4's questions: grouping by service cannot use the model-keyed rollup, so
    // this shows what the
    // full hour rollup costs (fewer runs: it is the slow path).
    time(
        report,
        Math.max(5, runs / 3),
        "cost by service by hour, 7 days (full rollup)",
        "/api/v1/metrics",
        Map.of(
            "from", week.toString(), "to", end.toString(), "bucket", "1h", "group_by", "service"));
    report.append("load average after the API questions: ").append(loadAverage()).append('\n');

    // Raw limits, measured in the same run: the engine alone (its HTTP adapter, no API), reading
    // the same rows.
    String p = "project_id = '" + project + "'";
    String weekRange =
        " AND period >= toDateTime("
            + week.getEpochSecond()
            + ", 'UTC') AND period < toDateTime("
            + end.getEpochSecond()
            + ", 'UTC')";
    timeSql(report, runs, http, url, "engine: SELECT 1", "SELECT 1");
    timeSql(
        report,
        runs,
        http,
        url,
        "engine: count() model rollup hour rows, 7 days",
        "SELECT count() FROM boxscore.llm_model_rollup WHERE "
            + p
            + " AND resolution_s = 3600"
            + weekRange);
    timeSql(
        report,
        runs,
        http,
        url,
        "engine: count() full hour rollup rows, 7 days",
        "SELECT count() FROM boxscore.llm_hour_rollup WHERE "
            + p
            + " AND hour >= toDateTime("
            + week.getEpochSecond()
            + ", 'UTC') AND hour < toDateTime("
            + end.getEpochSecond()
            + ", 'UTC')");
    timeSql(
        report,
        runs,
        http,
        url,
        "engine: count() raw spans FINAL, last hour",
        "SELECT count() FROM boxscore.spans FINAL WHERE "
            + p
            + " AND start_time >= toDateTime("
            + end.minus(Duration.ofHours(1)).getEpochSecond()
            + ", 'UTC') AND start_time < toDateTime("
            + end.getEpochSecond()
            + ", 'UTC')");
    driftSampleLimits(report, runs, http, url, project, end);
    String extra = System.getProperty("benchmark.extraSql");
    if (extra != null) {
      for (String l : Files.readAllLines(Path.of(extra))) {
        if (l.contains("|")) {
          timeSql(
              report,
              runs,
              http,
              url,
              l.substring(0, l.indexOf('|')),
              l.substring(l.indexOf('|') + 1)
                  .replace("$P", project)
                  .replace("$END", Long.toString(end.getEpochSecond())));
        }
      }
    }
    System.out.println("=== analytics benchmark ===\n" + report);
    Files.writeString(Path.of("target", "analytics-benchmark.txt"), report.toString());
  }

  /**
   * {@code benchmark.only}: comma-separated words; when set, only questions and raw limits whose
   * name contains one of them run (e.g. {@code -Dbenchmark.only=drift} while working on drift).
   */
  private static boolean selected(String name) {
    String only = System.getProperty("benchmark.only", "");
    return only.isBlank() || Arrays.stream(only.split(",")).anyMatch(w -> name.contains(w.trim()));
  }

  /**
   * Appends to the report and prints at once, so a run that fails later still shows what it
   * measured.
   */
  private static void line(StringBuilder report, String text) {
    report.append(text);
    System.out.print("benchmark: " + text);
  }

  /**
   * CPU time of this whole process (the API, the client, and the in-process engine), user + system,
   * from /proc/self/stat in clock ticks of 10 ms: on a machine shared with other jobs, the CPU a
   * call costs is the figure that does not depend on what else runs; wall time is at least that
   * divided by the cores used.
   */
  private static long processCpuMillis() {
    try {
      String stat = Files.readString(Path.of("/proc/self/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  /**
   * The process's CPU over 5 idle seconds, in cores. A measuring window, not a wait for a
   * condition: nothing is asserted, the figure only corrects the CPU per call for what the embedded
   * broker and ingest use meanwhile.
   */
  private static double backgroundCpuShare() throws InterruptedException {
    long cpu0 = processCpuMillis();
    long t0 = System.nanoTime();
    Thread.sleep(5000);
    return (processCpuMillis() - cpu0) / ((System.nanoTime() - t0) / 1e6);
  }

  /**
   * The raw limit of the drift question: the engine alone running its sample query
   * (drift_samples.sql, both sides in one scan) with literal values in place of the bound
   * parameters, all sampled rows read.
   */
  private static void driftSampleLimits(
      StringBuilder report, int runs, HttpClient http, String url, String project, Instant end)
      throws IOException, InterruptedException {
    String template =
        new String(
                AnalyticsBenchmark.class
                    .getResourceAsStream("/clickhouse/queries/drift_samples.sql")
                    .readAllBytes(),
                StandardCharsets.UTF_8)
            .replaceAll("(?m)^--.*$", "")
            .replaceAll("FROM ([a-z_]+)", "FROM boxscore.$1");
    long endMs = end.toEpochMilli();
    long hour = Duration.ofHours(1).toMillis();
    long day = Duration.ofDays(1).toMillis();
    Map<String, String> literals = new HashMap<>();
    literals.put("project", "'" + project + "'");
    literals.put("model", "'gpt-4o'");
    literals.put("key_model", "'gpt-4o'");
    literals.put("limit", "2000");
    // Baseline: the same hour on each of the 7 days before; current: the last hour.
    long baselineStart = endMs - hour - 7 * day;
    literals.put("baseline_from_ms", Long.toString(baselineStart));
    literals.put("baseline_to_ms", Long.toString(endMs - day));
    literals.put("baseline_start_ms", Long.toString(baselineStart));
    literals.put("baseline_every_ms", Long.toString(day));
    literals.put("baseline_times", "7");
    literals.put("baseline_length_ms", Long.toString(hour));
    List<String> baselineHours = new ArrayList<>();
    for (int d = 7; d >= 1; d--) {
      baselineHours.add("toDateTime(" + (endMs - hour - d * day) / 1000 + ", 'UTC')");
    }
    literals.put("baseline_hours", baselineHours.toString());
    literals.put("current_from_ms", Long.toString(endMs - hour));
    literals.put("current_to_ms", Long.toString(endMs));
    literals.put("current_start_ms", Long.toString(endMs - hour));
    literals.put("current_every_ms", Long.toString(hour));
    literals.put("current_times", "1");
    literals.put("current_length_ms", Long.toString(hour));
    literals.put("current_hours", "[toDateTime(" + (endMs - hour) / 1000 + ", 'UTC')]");
    Matcher m = Pattern.compile("\\{([a-z_]+):[^}]+}").matcher(template);
    StringBuilder sql = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(sql, Matcher.quoteReplacement(literals.getOrDefault(m.group(1), "''")));
    }
    m.appendTail(sql);
    timeSql(
        report,
        runs,
        http,
        url,
        "engine: drift sample query, both sides (rows, hash)",
        "SELECT count(), sum(cityHash64(*)) FROM (" + sql + ")");
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (IOException e) {
      return "unknown (" + e.getMessage() + ")";
    }
  }

  private static void timeSql(
      StringBuilder report, int runs, HttpClient http, String url, String name, String sql)
      throws IOException, InterruptedException {
    if (!selected(name)) {
      return;
    }
    String answer = sql(http, url, sql + " FORMAT TabSeparated").trim();
    if (answer.length() > 120) {
      answer =
          answer.substring(0, 60).replace('\n', ' ')
              + "... ("
              + answer.length()
              + " chars, "
              + answer.split("\n").length
              + " lines)";
    }
    double[] ms = new double[runs];
    long cpu0 = processCpuMillis();
    for (int i = 0; i < runs; i++) {
      long t = System.nanoTime();
      sql(http, url, sql + " FORMAT TabSeparated");
      ms[i] = (System.nanoTime() - t) / 1e6;
    }
    double cpuPerCall = (processCpuMillis() - cpu0) / (double) runs;
    Arrays.sort(ms);
    line(
        report,
        String.format(
            "%-50s p50 %7.1f ms  p95 %7.1f ms  max %7.1f ms  cpu %6.1f ms/call  (%d runs, answer %s)%n",
            name,
            ms[runs / 2],
            ms[(int) Math.ceil(runs * 0.95) - 1],
            ms[runs - 1],
            cpuPerCall,
            runs,
            answer));
  }

  /**
   * Times one API question through plain java.net.http (the body read in full as bytes): REST
   * Assured's response handling (it parses and pretty-prints large bodies) would cost more CPU than
   * the API itself.
   */
  private void time(
      StringBuilder report, int runs, String name, String path, Map<String, String> params)
      throws IOException, InterruptedException {
    if (!selected(name)) {
      return;
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
    // Warm-up (benchmark.warmup calls, default 5): the first runs load marks and JIT-compile the
    // decoding and the
    // tests, as a server answering dashboards all day has long done.
    int bytes = call(request);
    for (int i = 1; i < Integer.getInteger("benchmark.warmup", 5); i++) {
      call(request);
    }
    double[] ms = new double[runs];
    long cpu0 = processCpuMillis();
    for (int i = 0; i < runs; i++) {
      long t = System.nanoTime();
      call(request);
      ms[i] = (System.nanoTime() - t) / 1e6;
    }
    double cpuPerCall = (processCpuMillis() - cpu0) / (double) runs;
    double netCpu = cpuPerCall - backgroundCpuShare * Arrays.stream(ms).average().orElse(0);
    Arrays.sort(ms);
    line(
        report,
        String.format(
            "%-50s p50 %7.1f ms  p95 %7.1f ms  max %7.1f ms  cpu %6.1f ms/call (%.1f net of background)"
                + "  (%d runs, %d bytes)%n",
            name,
            ms[runs / 2],
            ms[(int) Math.ceil(runs * 0.95) - 1],
            ms[runs - 1],
            cpuPerCall,
            netCpu,
            runs,
            bytes));
  }

  private int call(HttpRequest request) throws IOException, InterruptedException {
    HttpResponse<byte[]> r = api.send(request, HttpResponse.BodyHandlers.ofByteArray());
    if (r.statusCode() != 200) {
      throw new IllegalStateException(
          request.uri()
              + " answered "
              + r.statusCode()
              + ": "
              + new String(r.body(), StandardCharsets.UTF_8));
    }
    return r.body().length;
  }

  /**
   * n spans numbered offset.. of total, evenly spread over [start, start + 30 d) with jitter: six
   * models (one without a price), five services, three prompt versions, log-normal latency (median
   * ~650 ms), TTFT on half the calls, 2% errors, 5% cut by length, a quarter with cached input.
   */
  static String generate(String project, Instant start, long total, long offset, long n) {
    long startMs = start.toEpochMilli();
    long spanMs = Duration.ofDays(30).toMillis();
    return ("INSERT INTO boxscore.spans (project_id, trace_id, span_id, parent_span_id, name, kind, service,"
            + " scope_name, scope_version, start_time, duration_ns, status_code, status_message, attributes,"
            + " resource_attributes, events, is_llm, llm_provider, llm_operation, request_model, response_model,"
            + " usage_reported, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens,"
            + " reasoning_tokens, cost_usd, ttft_ms, finish_reasons, response_id, streaming, system_fingerprint,"
            + " prompt_fingerprint, prompt_version, llm_input, llm_output, ingested_at, tokens_estimated,"
            + " retention_days)"
            + " SELECT '%s', lower(leftPad(hex(number), 32, '0')), lower(leftPad(hex(number), 16, '0')), '',"
            + " 'chat', 'CLIENT', ['checkout','search','support','summarizer','triage'][number %% 5 + 1], 'bench',"
            + " '1', fromUnixTimestamp64Milli(toInt64(%d + intDiv(number * %d, %d) + cityHash64(number, 9) %% 1000),"
            + " 'UTC'), m.2, if(cityHash64(number, 3) %% 100 < 2, 'ERROR', 'UNSET'), '', map(), map(), '', true,"
            + " m.1.2, 'chat', m.1.1, m.1.3, true, m.3, m.4, if(number %% 4 = 0, intDiv(m.3, 2), 0), 0, 0, NULL,"
            + " if(number %% 2 = 0, m.2 / 1e6 * 0.3, NULL), [if(number %% 20 = 0, 'length', 'stop')], '',"
            + " number %% 2 = 0, 'fp_1', '', ['v1','v2','v3'][number %% 3 + 1], '', '', now64(3), false, 90"
            + " FROM (SELECT number, ("
            + "   [('gpt-4o','openai','gpt-4o-2024-08-06'), ('gpt-4o-mini','openai','gpt-4o-mini-2024-07-18'),"
            + "    ('claude-sonnet-4-5','anthropic','claude-sonnet-4-5-20250929'),"
            + "    ('gemini-2.5-flash','gcp.gemini','gemini-2.5-flash'), ('gpt-4.1-mini','openai','gpt-4.1-mini'),"
            + "    ('acme-internal-7','acme','acme-internal-7')][cityHash64(number) %% 6 + 1],"
            + "   toUInt64(1e6 * exp(6.5 + 0.5 * randNormal(0, 1))),"
            + "   200 + cityHash64(number, 1) %% 2000, 20 + cityHash64(number, 2) %% 500) AS m"
            + "   FROM numbers(%d, %d))")
        .formatted(project, startMs, spanMs, total, offset, n);
  }

  private static String sql(HttpClient http, String url, String sql)
      throws IOException, InterruptedException {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(url + "/"))
                .header("Authorization", EmbeddedInfrastructureAccess.clickHouseAuthorization())
                .timeout(Duration.ofMinutes(30))
                .POST(HttpRequest.BodyPublishers.ofString(sql))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("ClickHouse answered " + r.statusCode() + ": " + r.body());
    }
    return r.body();
  }
}
