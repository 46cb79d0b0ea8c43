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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Every analytics request the UI makes (issue 20), timed through the real HTTP API on the analytics
 * benchmark's data, each next to its raw limit: the same statements with the same bound values run
 * on the engine alone, one after the other. Not part of the build's tests. Run it with
 *
 * <pre>
 * ./mvnw -B -pl server -am verify -DskipITs -Dui.browserTests.skip=true -Dtest=UiRequestsBenchmark \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dbenchmark.spans=10000000 -Dbenchmark.runs=20 \
 *     -Dbenchmark.dataDir=/work/bench-data/10m
 * </pre>
 *
 * The requests are the ones the pages send (analytics-view.js, drift-view.js, compare-view.js,
 * alert-rule-form.js, prompts-view.js), for every range preset and group-by, ending at a minute
 * that is not an hour (as the UI's "now" is). {@code benchmark.only} runs the requests whose name
 * contains one of its comma-separated words. Results also go to target/ui-requests-benchmark.txt.
 */
@QuarkusTest
class UiRequestsBenchmark {
  private static final String KEY = "bx_test_key";
  private static final String STATEMENT_LOGGER =
      "dev.boxscore.embedded.clickhouse.ClickHouseHttpHandler.statements";

  /** The analytics ranges of analytics-range.js: id, length, chart bucket. */
  private static final List<String[]> RANGES =
      List.of(
          new String[] {"1h", "PT1H", "1m"},
          new String[] {"24h", "PT24H", "30m"},
          new String[] {"7d", "P7D", "3h"},
          new String[] {"30d", "P30D", "12h"});

  private static final List<String> GROUPINGS = List.of("model", "service", "prompt_version");

  @Inject AuthConfig auth;

  @TestHTTPResource("/")
  URI base;

  private final HttpClient api = HttpClient.newHttpClient();
  private final List<Double> apiP95s = new ArrayList<>();
  private final List<String> over = new ArrayList<>();

  /** One request of a page: GET with a query, or POST with a JSON body. */
  private record UiRequest(String name, String path, Map<String, String> query, String body) {}

  /** A statement the engine ran for a request, with its bound values. */
  private record Statement(String sql, Map<String, String> params) {}

  @Test
  void run() throws Exception {
    long spans = Long.getLong("benchmark.spans", 1_000_000);
    int runs = Integer.getInteger("benchmark.runs", 20);
    String url = EmbeddedInfrastructureAccess.clickHouseUrl();
    HttpClient http = HttpClient.newHttpClient();
    StringBuilder report = new StringBuilder();
    String project = auth.bootstrapProject();
    Instant end =
        BenchData.prepare(
            http, url, project, spans, Long.getLong("benchmark.chunk", 1_000_000), report);
    // Rollups a migration just backfilled merged to their final state, as a long-running server's
    // are (BenchData does the same after generating).
    long t0 = System.nanoTime();
    for (String table : List.of("llm_model_rollup", "llm_slice_rollup", "llm_prompt_templates")) {
      BenchData.sql(http, url, "OPTIMIZE TABLE boxscore." + table + " FINAL");
    }
    report.append(
        String.format("new rollups OPTIMIZE FINAL: %.1f s%n", (System.nanoTime() - t0) / 1e9));
    EngineState.settle(http, url, report);
    report.append("load average before timing: ").append(BenchData.loadAverage()).append('\n');
    // The UI's "now" is a minute inside an hour: the ranges' edges read minute rows, as they do in
    // use.
    Instant to = end.minus(Duration.ofMinutes(23));
    BenchData.timeSql(report, runs, http, url, "engine floor: SELECT 1", "SELECT 1");
    for (UiRequest r : requests(to)) {
      if (selected(r.name())) {
        time(report, runs, http, url, r);
      }
    }
    report.append(
        String.format(
            "%nrequests: %d, highest p95 %.1f ms, over 100 ms: %s%nload average after: %s%n",
            apiP95s.size(),
            apiP95s.stream().mapToDouble(Double::doubleValue).max().orElse(0),
            over.isEmpty() ? "none" : String.join(", ", over),
            BenchData.loadAverage()));
    System.out.println("=== UI requests benchmark ===\n" + report);
    Files.writeString(Path.of("target", "ui-requests-benchmark.txt"), report.toString());
  }

  private static List<UiRequest> requests(Instant to) {
    List<UiRequest> out = new ArrayList<>();
    for (String[] range : RANGES) {
      String id = range[0];
      Instant from = to.minus(Duration.parse(range[1]));
      Map<String, String> bounds = Map.of("from", from.toString(), "to", to.toString());
      out.add(get("analytics " + id + " totals", "/api/v1/metrics", bounds, "bucket", "1d"));
      out.add(
          get(
              "analytics " + id + " filter values",
              "/api/v1/metrics",
              bounds,
              "bucket",
              "1d",
              "group_by",
              "service,model,provider,prompt_version",
              "fields",
              "usage"));
      for (String g : GROUPINGS) {
        out.add(
            get(
                "analytics " + id + " by " + g + " table",
                "/api/v1/metrics",
                bounds,
                "bucket",
                "1d",
                "group_by",
                g,
                "fields",
                "all,scores"));
        out.add(
            get(
                "analytics " + id + " by " + g + " chart",
                "/api/v1/metrics",
                bounds,
                "bucket",
                range[2],
                "group_by",
                g));
      }
      // A filter chosen on the page: every request above then carries it.
      out.add(
          get(
              "analytics " + id + " service=checkout by model table",
              "/api/v1/metrics",
              bounds,
              "bucket",
              "1d",
              "group_by",
              "model",
              "fields",
              "all,scores",
              "service",
              "checkout"));
      out.add(
          get(
              "analytics " + id + " service=checkout by model chart",
              "/api/v1/metrics",
              bounds,
              "bucket",
              range[2],
              "group_by",
              "model",
              "service",
              "checkout"));
      out.add(get("swaps " + id, "/api/v1/drift/swaps", bounds));
      out.add(get("compare " + id, "/api/v1/compare", bounds, "a", "gpt-4o", "b", "gpt-4o-mini"));
      out.add(
          get(
              "compare " + id + " service=checkout",
              "/api/v1/compare",
              bounds,
              "a",
              "gpt-4o",
              "b",
              "gpt-4o-mini",
              "service",
              "checkout"));
      out.add(get("what-if " + id, "/api/v1/what-if", bounds, "model", "gpt-4o-mini"));
      out.add(get("prompts " + id, "/api/v1/prompts", bounds));
    }
    // Drift overview: one check per subject of the chosen kind (default window 1 h, 7 baseline
    // days), and the widest settings the page offers.
    Map<String, String> hour =
        Map.of("from", to.minus(Duration.ofHours(1)).toString(), "to", to.toString());
    Map<String, String> day =
        Map.of("from", to.minus(Duration.ofDays(1)).toString(), "to", to.toString());
    out.add(get("drift overview model 1h x7", "/api/v1/drift", hour, "model", "gpt-4o"));
    out.add(get("drift overview service 1h x7", "/api/v1/drift", hour, "service", "checkout"));
    out.add(get("drift overview provider 1h x7", "/api/v1/drift", hour, "provider", "openai"));
    out.add(
        get("drift overview prompt_version 1h x7", "/api/v1/drift", hour, "prompt_version", "v2"));
    out.add(
        get(
            "drift overview model 24h x28",
            "/api/v1/drift",
            day,
            "model",
            "gpt-4o",
            "baseline_days",
            "28"));
    out.add(
        get(
            "drift overview service 24h x28",
            "/api/v1/drift",
            day,
            "service",
            "checkout",
            "baseline_days",
            "28"));
    // The rule form's preview: a backtest of the draft over 24 h and 7 days.
    for (String[] range : List.of(new String[] {"24h", "PT24H"}, new String[] {"7d", "P7D"})) {
      Map<String, String> bounds =
          Map.of("from", to.minus(Duration.parse(range[1])).toString(), "to", to.toString());
      out.add(
          new UiRequest(
              "alert preview " + range[0] + " latency p95 by model",
              "/api/v1/alerts/rules/backtest",
              bounds,
              "{\"name\":\"preview\",\"kind\":\"threshold\",\"groupBy\":[\"model\"],"
                  + "\"metric\":\"latency_p95_ms\",\"window\":\"10m\",\"op\":\">\",\"threshold\":2000,"
                  + "\"minCalls\":20,\"for\":\"10m\"}"));
      out.add(
          new UiRequest(
              "alert preview " + range[0] + " cost by service",
              "/api/v1/alerts/rules/backtest",
              bounds,
              "{\"name\":\"preview\",\"kind\":\"threshold\",\"groupBy\":[\"service\"],"
                  + "\"metric\":\"cost_usd\",\"window\":\"1h\",\"op\":\">\",\"threshold\":5}"));
    }
    return out;
  }

  private static UiRequest get(
      String name, String path, Map<String, String> bounds, String... more) {
    Map<String, String> query = new LinkedHashMap<>(bounds);
    for (int i = 0; i + 1 < more.length; i += 2) {
      query.put(more[i], more[i + 1]);
    }
    return new UiRequest(name, path, query, null);
  }

  private static boolean selected(String name) {
    String only = System.getProperty("benchmark.only", "");
    return only.isBlank() || Arrays.stream(only.split(",")).anyMatch(w -> name.contains(w.trim()));
  }

  /**
   * Warms the request up, records the statements one call runs, times {@code runs} calls through
   * the API, then the same statements on the engine alone.
   */
  private void time(StringBuilder report, int runs, HttpClient http, String url, UiRequest r)
      throws IOException, InterruptedException {
    HttpRequest request = request(r);
    for (int i = 0; i < Integer.getInteger("benchmark.warmup", 3); i++) {
      call(request);
    }
    List<Statement> statements = captured(request);
    double[] ms = new double[runs];
    int bytes = 0;
    for (int i = 0; i < runs; i++) {
      long t = System.nanoTime();
      bytes = call(request);
      ms[i] = (System.nanoTime() - t) / 1e6;
    }
    double[] engine = new double[runs];
    for (int i = 0; i < runs; i++) {
      long t = System.nanoTime();
      for (Statement s : statements) {
        replay(http, url, s);
      }
      engine[i] = (System.nanoTime() - t) / 1e6;
    }
    Arrays.sort(ms);
    Arrays.sort(engine);
    double p95 = ms[(int) Math.ceil(runs * 0.95) - 1];
    apiP95s.add(p95);
    if (p95 > 100) {
      over.add(r.name());
    }
    if (Boolean.getBoolean("benchmark.showStatements")) {
      // Each statement alone: its wall time, the engine's own time and rows read
      // (X-ClickHouse-Summary).
      for (Statement st : statements) {
        double[] each = new double[runs];
        String summary = "";
        for (int i = 0; i < runs; i++) {
          long t = System.nanoTime();
          summary = replay(http, url, st);
          each[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(each);
        String text = st.sql().replaceAll("--[^\\n]*", "").replaceAll("\\s+", " ").trim();
        report.append(
            String.format(
                "    %6.1f ms  %s  %s%n",
                each[runs / 2], summary, text.substring(0, Math.min(110, text.length()))));
      }
    }
    BenchData.line(
        report,
        String.format(
            "%-50s p50 %6.1f  p95 %6.1f ms | engine alone (%d statements) p50 %6.1f  p95 %6.1f ms"
                + "  (%d bytes)%n",
            r.name(),
            ms[runs / 2],
            p95,
            statements.size(),
            engine[runs / 2],
            engine[(int) Math.ceil(runs * 0.95) - 1],
            bytes));
  }

  /** The statements the engine runs while the API answers {@code request} once. */
  private List<Statement> captured(HttpRequest request) throws IOException, InterruptedException {
    List<Statement> out = new ArrayList<>();
    Logger logger = Logger.getLogger(STATEMENT_LOGGER);
    Handler handler =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            Object[] p = record.getParameters();
            if (p != null && p.length == 3) {
              @SuppressWarnings("unchecked")
              Map<String, String> params = (Map<String, String>) p[1];
              synchronized (out) {
                out.add(new Statement((String) p[0], params));
              }
            }
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    handler.setLevel(Level.FINE);
    Level before = logger.getLevel();
    boolean parents = logger.getUseParentHandlers();
    logger.setUseParentHandlers(false);
    logger.setLevel(Level.FINE);
    logger.addHandler(handler);
    try {
      call(request);
    } finally {
      logger.removeHandler(handler);
      logger.setLevel(before);
      logger.setUseParentHandlers(parents);
    }
    synchronized (out) {
      return List.copyOf(out);
    }
  }

  /** Runs the statement on the engine alone; returns the engine's summary of it. */
  private static String replay(HttpClient http, String url, Statement s)
      throws IOException, InterruptedException {
    StringBuilder q = new StringBuilder("?database=boxscore");
    s.params()
        .forEach(
            (k, v) ->
                q.append("&param_")
                    .append(k)
                    .append('=')
                    .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
    String target = url.endsWith("/") ? url : url + "/";
    HttpResponse<byte[]> r =
        http.send(
            HttpRequest.newBuilder(URI.create(target + q))
                .header("Authorization", EmbeddedInfrastructureAccess.clickHouseAuthorization())
                .timeout(Duration.ofMinutes(5))
                .POST(HttpRequest.BodyPublishers.ofString(s.sql()))
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    if (r.statusCode() != 200) {
      throw new IllegalStateException(
          "the engine answered "
              + r.statusCode()
              + ": "
              + new String(r.body(), StandardCharsets.UTF_8)
              + " to "
              + s.sql());
    }
    return r.headers().firstValue("X-ClickHouse-Summary").orElse("");
  }

  private HttpRequest request(UiRequest r) {
    StringBuilder query = new StringBuilder();
    r.query()
        .forEach(
            (k, v) ->
                query
                    .append(query.length() == 0 ? "?" : "&")
                    .append(k)
                    .append('=')
                    .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
    HttpRequest.Builder b =
        HttpRequest.newBuilder(base.resolve(r.path() + query))
            .header("Authorization", "Bearer " + KEY)
            .timeout(Duration.ofMinutes(5));
    return r.body() == null
        ? b.GET().build()
        : b.header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(r.body()))
            .build();
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
