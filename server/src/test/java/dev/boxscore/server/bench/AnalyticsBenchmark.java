package dev.boxscore.server.bench;

import static io.restassured.RestAssured.given;

import dev.boxscore.server.config.AuthConfig;
import dev.boxscore.server.EmbeddedInfrastructureAccess;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The analytics benchmark, not part of the build's tests (its name does not end in Test). Run it with
 *
 * <pre>
 * ./mvnw -B -pl server -am verify -Dtest=AnalyticsBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dbenchmark.spans=10000000
 * </pre>
 *
 * It generates {@code benchmark.spans} LLM spans spread evenly over the 30 days before the current hour inside
 * the embedded engine (INSERT ... SELECT FROM numbers(), in chunks, through the normal spans table so the rollup's
 * materialized view fills as in production), then times each API question {@code benchmark.runs} times through
 * the real HTTP API and prints p50/p95/max per question, plus the data size on disk. Results also go to
 * target/analytics-benchmark.txt.
 */
@QuarkusTest
class AnalyticsBenchmark {
  private static final String KEY = "bx_test_key";

  @Inject AuthConfig auth;

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

    long t0 = System.nanoTime();
    for (long offset = 0; offset < spans; offset += chunk) {
      long n = Math.min(chunk, spans - offset);
      sql(http, url, generate(auth.bootstrapProject(), start, spans, offset, n));
      System.out.printf("benchmark: %d spans written after %.1f s%n", offset + n, (System.nanoTime() - t0) / 1e9);
    }
    double genS = (System.nanoTime() - t0) / 1e9;
    report.append(String.format("generation: %.1f s (%.0f spans/s)%n", genS, spans / genS));
    t0 = System.nanoTime();
    sql(http, url, "OPTIMIZE TABLE boxscore.llm_minute_rollup FINAL");
    report.append(String.format("rollup OPTIMIZE FINAL: %.1f s%n", (System.nanoTime() - t0) / 1e9));
    report.append(sql(http, url,
        "SELECT table, sum(rows) AS rows, formatReadableSize(sum(bytes_on_disk)) AS on_disk,"
            + " formatReadableSize(sum(data_uncompressed_bytes)) AS uncompressed, count() AS parts"
            + " FROM system.parts WHERE database = 'boxscore' AND active GROUP BY table ORDER BY table"
            + " FORMAT PrettyCompactMonoBlock"));

    Instant day = end.minus(Duration.ofDays(1));
    Instant week = end.minus(Duration.ofDays(7));
    time(report, runs, "cost by model by hour, 7 days", "/api/v1/metrics",
        Map.of("from", week.toString(), "to", end.toString(), "bucket", "1h", "group_by", "model"));
    time(report, runs, "latency quantiles per model, 24 h", "/api/v1/metrics",
        Map.of("from", day.toString(), "to", end.toString(), "bucket", "1d", "group_by", "model"));
    time(report, runs, "latency quantiles per model per hour, 24 h", "/api/v1/metrics",
        Map.of("from", day.toString(), "to", end.toString(), "bucket", "1h", "group_by", "model"));
    time(report, runs, "drift, one model, last hour vs same hour 7 days", "/api/v1/drift",
        Map.of("model", "gpt-4o", "from", end.minus(Duration.ofHours(1)).toString(), "to", end.toString()));
    time(report, runs, "swaps, 24 h", "/api/v1/drift/swaps",
        Map.of("from", day.toString(), "to", end.toString()));
    System.out.println("=== analytics benchmark ===\n" + report);
    Files.writeString(Path.of("target", "analytics-benchmark.txt"), report.toString());
  }

  private static void time(StringBuilder report, int runs, String name, String path, Map<String, String> params) {
    // Warm-up: the first run loads marks and JIT-compiles.
    String body = given().auth().oauth2(KEY).queryParams(params).get(path).then().statusCode(200).extract()
        .asString();
    double[] ms = new double[runs];
    for (int i = 0; i < runs; i++) {
      long t = System.nanoTime();
      given().auth().oauth2(KEY).queryParams(params).get(path).then().statusCode(200);
      ms[i] = (System.nanoTime() - t) / 1e6;
    }
    Arrays.sort(ms);
    report.append(String.format("%-50s p50 %7.1f ms  p95 %7.1f ms  max %7.1f ms  (%d runs, %d bytes)%n", name,
        ms[runs / 2], ms[(int) Math.ceil(runs * 0.95) - 1], ms[runs - 1], runs, body.length()));
  }

  /**
   * n spans numbered offset.. of total, evenly spread over [start, start + 30 d) with jitter: six models (one
   * without a price), five services, three prompt versions, log-normal latency (median ~650 ms), TTFT on half the
   * calls, 2% errors, 5% cut by length, a quarter with cached input.
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

  private static String sql(HttpClient http, String url, String sql) throws IOException, InterruptedException {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(url + "/"))
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
