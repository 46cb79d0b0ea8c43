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
import java.util.Arrays;
import java.util.Map;
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
    StringBuilder report = new StringBuilder();
    String project = auth.bootstrapProject();
    Instant end = BenchData.prepare(http, url, project, spans, chunk, report);
    report.append("load average before timing: ").append(BenchData.loadAverage()).append('\n');
    backgroundCpuShare = backgroundCpuShare();
    BenchData.line(
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
    report
        .append("load average after the API questions: ")
        .append(BenchData.loadAverage())
        .append('\n');

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
   * The process's CPU over 5 idle seconds, in cores. A measuring window, not a wait for a
   * condition: nothing is asserted, the figure only corrects the CPU per call for what the embedded
   * broker and ingest use meanwhile.
   */
  private static double backgroundCpuShare() throws InterruptedException {
    long cpu0 = BenchData.processCpuMillis();
    long t0 = System.nanoTime();
    Thread.sleep(5000);
    return (BenchData.processCpuMillis() - cpu0) / ((System.nanoTime() - t0) / 1e6);
  }

  /**
   * The raw limit of the drift question: the engine alone running its sample query
   * (drift_samples.sql, both sides in one scan) with literal values in place of the bound
   * parameters, all sampled rows read.
   */
  private static void driftSampleLimits(
      StringBuilder report, int runs, HttpClient http, String url, String project, Instant end)
      throws IOException, InterruptedException {
    timeSql(
        report,
        runs,
        http,
        url,
        "engine: drift sample query, both sides (rows, hash)",
        BenchData.driftSampleSql(project, "gpt-4o", end, 2000));
  }

  private static void timeSql(
      StringBuilder report, int runs, HttpClient http, String url, String name, String sql)
      throws IOException, InterruptedException {
    if (selected(name)) {
      BenchData.timeSql(report, runs, http, url, name, sql);
    }
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
    long cpu0 = BenchData.processCpuMillis();
    for (int i = 0; i < runs; i++) {
      long t = System.nanoTime();
      call(request);
      ms[i] = (System.nanoTime() - t) / 1e6;
    }
    double cpuPerCall = (BenchData.processCpuMillis() - cpu0) / (double) runs;
    double netCpu = cpuPerCall - backgroundCpuShare * Arrays.stream(ms).average().orElse(0);
    Arrays.sort(ms);
    BenchData.line(
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
}
