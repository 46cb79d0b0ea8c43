package dev.boxscore.server.bench;

import dev.boxscore.server.EmbeddedInfrastructureAccess;
import java.io.IOException;
import java.net.URI;
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

/**
 * What the benchmarks share: the 10M generated spans (generated once into a kept data directory,
 * reused by every benchmark that names it), the engine's HTTP adapter, and the machine's figures
 * (process CPU, load average).
 */
final class BenchData {
  private BenchData() {}

  /**
   * Makes sure the project holds {@code spans} generated spans: reuses a kept data directory's
   * ({@code -Dbenchmark.dataDir}) or generates them over the 30 days before the current hour, and
   * returns the end of their 30 days. Appends what it did and every table's size to the report.
   */
  static Instant prepare(
      HttpClient http, String url, String project, long spans, long chunk, StringBuilder report)
      throws IOException, InterruptedException {
    Instant end = Instant.now().truncatedTo(ChronoUnit.HOURS);
    Instant start = end.minus(Duration.ofDays(30));
    int mark = report.length();
    report.append("spans=").append(spans).append(" over 30 days ending ").append(end).append('\n');
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
      report.setLength(mark);
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
    return end;
  }

  /**
   * Appends to the report and prints at once, so a run that fails later still shows what it
   * measured.
   */
  static void line(StringBuilder report, String text) {
    report.append(text);
    System.out.print("benchmark: " + text);
  }

  static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (IOException e) {
      return "unknown (" + e.getMessage() + ")";
    }
  }

  /**
   * CPU time of this whole process (the API, the client, and the in-process engine), user + system,
   * from /proc/self/stat in clock ticks of 10 ms: on a machine shared with other jobs, the CPU a
   * call costs is the figure that does not depend on what else runs; wall time is at least that
   * divided by the cores used.
   */
  static long processCpuMillis() {
    try {
      String stat = Files.readString(Path.of("/proc/self/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  /**
   * Times {@code sql} on the engine alone (its HTTP adapter, no API) {@code runs} times after one
   * untimed call, and reports p50/p95/max and the process's CPU per call.
   */
  static void timeSql(
      StringBuilder report, int runs, HttpClient http, String url, String name, String sql)
      throws IOException, InterruptedException {
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
   * Drift's sample query (drift_samples.sql, both sides in one scan) with literal values in place
   * of the bound parameters: the current window the hour before {@code end}, the baseline the same
   * hour on each of the 7 days before, for one model, up to {@code limit} calls per side; wrapped
   * to read all sampled rows and answer one line.
   */
  static String driftSampleSql(String project, String model, Instant end, int limit)
      throws IOException {
    String template =
        new String(
                BenchData.class
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
    literals.put("model", "'" + model + "'");
    literals.put("key_model", "'" + model + "'");
    literals.put("limit", Integer.toString(limit));
    // Baseline: the same hour on each of the 7 days before; current: the hour before end.
    long baselineStart = endMs - hour - 7 * day;
    literals.put("baseline_from_ms", Long.toString(baselineStart));
    literals.put("baseline_to_ms", Long.toString(endMs - day));
    literals.put("baseline_start_ms", Long.toString(baselineStart));
    literals.put("baseline_every_ms", Long.toString(day));
    literals.put("baseline_times", "7");
    literals.put("baseline_length_ms", Long.toString(hour));
    List<String> baselineHours = new ArrayList<>();
    for (int d = 7; d >= 1; d--) {
      baselineHours.addAll(hours(endMs - hour - d * day, endMs - d * day));
    }
    literals.put("baseline_hours", baselineHours.toString());
    literals.put("current_from_ms", Long.toString(endMs - hour));
    literals.put("current_to_ms", Long.toString(endMs));
    literals.put("current_start_ms", Long.toString(endMs - hour));
    literals.put("current_every_ms", Long.toString(hour));
    literals.put("current_times", "1");
    literals.put("current_length_ms", Long.toString(hour));
    literals.put("current_hours", hours(endMs - hour, endMs).toString());
    Matcher m = Pattern.compile("\\{([a-z_]+):[^}]+}").matcher(template);
    StringBuilder sql = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(sql, Matcher.quoteReplacement(literals.getOrDefault(m.group(1), "''")));
    }
    m.appendTail(sql);
    return "SELECT count(), sum(cityHash64(*)) FROM (" + sql + ")";
  }

  /** The hours [fromMs, toMs) touches, as DateTime literals (as the reader binds them). */
  private static List<String> hours(long fromMs, long toMs) {
    List<String> out = new ArrayList<>();
    long hourMs = Duration.ofHours(1).toMillis();
    for (long h = Math.floorDiv(fromMs, hourMs) * hourMs; h < toMs; h += hourMs) {
      out.add("toDateTime(" + h / 1000 + ", 'UTC')");
    }
    return out;
  }

  /**
   * n spans numbered offset.. of total, evenly spread over [start, start + 30 d) with jitter: six
   * models (one without a price), five services, three prompt versions, log-normal latency (median
   * ~650 ms), TTFT on half the calls, 2% errors, 5% cut by length, a quarter with cached input.
   */
  private static String generate(String project, Instant start, long total, long offset, long n) {
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

  static String sql(HttpClient http, String url, String sql)
      throws IOException, InterruptedException {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(url.contains("?") ? url : url + "/"))
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
