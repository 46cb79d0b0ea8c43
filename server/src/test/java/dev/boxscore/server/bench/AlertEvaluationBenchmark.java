package dev.boxscore.server.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.boxscore.query.service.alerts.EvaluationRound;
import dev.boxscore.server.ManualAlertClockProfile;
import dev.boxscore.server.config.AuthConfig;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The alert evaluation benchmark (issue 15), not part of the build's tests (its name does not end
 * in Test). Run it with
 *
 * <pre>
 * ./mvnw -B -o -pl server test -Dspotless.check.skip=true -Dui.browserTests.skip=true \
 *     -Dtest=AlertEvaluationBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dbenchmark.spans=10000000 -Dbenchmark.dataDir=/work/bench-data/10m
 * </pre>
 *
 * <p>With {@code benchmark.spans} spans stored (generated as {@link AnalyticsBenchmark} does, or
 * reused from the same {@code benchmark.dataDir}), it creates through the REST API 1,000 threshold
 * rules and 50 drift rules (a fixed pseudo-random mix, see {@link #thresholdRule} and {@link
 * #driftRule}), then times {@code benchmark.rounds} (default 10) evaluation rounds {@link
 * EvaluationRound#run} at one instant inside the data ({@code benchmark.at}, default 26 h before
 * its end plus 37 min 12 s) and one minute apart (after a previous run's last round when the rules
 * are reused), each after {@link EvaluationRound#forget()}, so that every rule is due; {@code
 * benchmark.warmup} (default 2) rounds go first untimed; then {@code benchmark.thresholdOnlyRounds}
 * (default 3, 0 to skip) rounds with the drift rules disabled. The wall-clock evaluator is off
 * ({@link ManualAlertClockProfile}).
 *
 * <p>It prints p50/p95/max of a round, rules evaluated, process CPU per round, where that CPU went
 * (per thread name, from /proc/self/task), the engine's own counters over the timed rounds (queries
 * run, their summed time, rows read), the same for rounds with the drift rules disabled, and raw
 * limits measured in the same run: the engine alone answering {@code SELECT 1}, one threshold
 * rule's rollup queries, one drift rule's sample query, and one grouping-sets query answering every
 * threshold rule of a window at once. Results also go to target/alert-evaluation-benchmark.txt.
 *
 * <p>The rules stay in the kept data directory and are reused by the next run when they are the
 * same set ({@link #TAG}); other benchmark rules are deleted first.
 */
@QuarkusTest
@TestProfile(ManualAlertClockProfile.class)
class AlertEvaluationBenchmark {
  private static final String KEY = "bx_test_key";

  /** Names every rule of this set: change it when the mix changes, so old rules are replaced. */
  private static final String TAG = "bench15v1";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] SERVICES = {
    "checkout", "search", "support", "summarizer", "triage"
  };
  private static final String[] MODELS = {
    "gpt-4o",
    "gpt-4o-mini",
    "claude-sonnet-4-5",
    "gemini-2.5-flash",
    "gpt-4.1-mini",
    "acme-internal-7"
  };

  @Inject AuthConfig auth;
  @Inject EvaluationRound round;

  @ConfigProperty(name = "boxscore.clickhouse.url")
  String engineUrl;

  @TestHTTPResource("/")
  URI base;

  private final HttpClient api = HttpClient.newHttpClient();

  /** The latest instant a stored alert of the rules was evaluated at (a previous run's). */
  private Instant lastEvaluated = Instant.EPOCH;

  /** Where the next round runs: a minute after the one before. */
  private Instant next;

  @Test
  void run() throws Exception {
    long spans = Long.getLong("benchmark.spans", 10_000_000);
    int rounds = Integer.getInteger("benchmark.rounds", 10);
    int warmup = Integer.getInteger("benchmark.warmup", 2);
    int runs = Integer.getInteger("benchmark.runs", 20);
    HttpClient http = HttpClient.newHttpClient();
    String url = engineUrl;
    StringBuilder report = new StringBuilder();
    String project = auth.bootstrapProject();
    Instant end =
        BenchData.prepare(
            http, url, project, spans, Long.getLong("benchmark.chunk", 1_000_000), report);
    String at = System.getProperty("benchmark.at", "");
    Instant now =
        at.isBlank()
            ? end.minus(Duration.ofHours(26)).plus(Duration.ofMinutes(37)).plusSeconds(12)
            : Instant.parse(at);
    BenchData.line(report, "evaluation instant: " + now + "\n");

    // ---- the rules, through the REST API
    Map<String, ObjectNode> wanted = new LinkedHashMap<>();
    Random random = new Random(15);
    for (int i = 0; i < 1000; i++) {
      ObjectNode r = thresholdRule(i, random);
      wanted.put(r.path("name").asText(), r);
    }
    for (int i = 0; i < 50; i++) {
      ObjectNode r = driftRule(i);
      wanted.put(r.path("name").asText(), r);
    }
    Map<String, String> ids = rules(wanted, report);
    // A rule with a stored alert is due again one interval (1 minute) after that alert was
    // evaluated, also after forget(): each round runs one minute after the one before, as the
    // evaluator does, and after any a previous run over the kept data directory left.
    next = now.isAfter(lastEvaluated) ? now : lastEvaluated.plus(Duration.ofMinutes(1));
    BenchData.line(report, "first round at: " + next + "\n");

    // ---- rounds with every rule
    report.append("load average before the rounds: ").append(BenchData.loadAverage()).append('\n');
    timeRounds(report, "all 1,050 rules", now, warmup, rounds, http, url);
    report.append("load average after the rounds: ").append(BenchData.loadAverage()).append('\n');

    // ---- the same with the drift rules disabled: what the threshold rules alone cost
    int thresholdOnly = Integer.getInteger("benchmark.thresholdOnlyRounds", 3);
    if (thresholdOnly > 0) {
      setDriftEnabled(wanted, ids, false);
      try {
        timeRounds(
            report, "the 1,000 threshold rules (drift disabled)", now, 0, thresholdOnly, http, url);
      } finally {
        setDriftEnabled(wanted, ids, true);
      }
    }

    // ---- raw limits, in the same run
    rawLimits(report, runs, http, url, project, now);
    report.append("load average at the end: ").append(BenchData.loadAverage()).append('\n');
    System.out.println("=== alert evaluation benchmark ===\n" + report);
    Files.writeString(Path.of("target", "alert-evaluation-benchmark.txt"), report.toString());
  }

  /**
   * One threshold rule of the mix: p95 latency 30 %, error rate 20 %, cost 20 %, output tokens per
   * call 15 %, TTFT p95 15 %; windows 5m–1h; filtered on service and model (35 %), service (25 %),
   * model (25 %) or nothing (15 %); 40 % of the rules without a model filter grouped by model.
   */
  static ObjectNode thresholdRule(int i, Random random) {
    ObjectNode r = JSON.createObjectNode();
    String[] windows = {"5m", "5m", "5m", "10m", "10m", "15m", "15m", "30m", "30m", "1h", "1h"};
    String window = windows[random.nextInt(windows.length)];
    int minutes = window.equals("1h") ? 60 : Integer.parseInt(window.replace("m", ""));
    int m = random.nextInt(100);
    String metric;
    double threshold;
    if (m < 30) {
      metric = "latency_p95_ms";
      threshold = 1200 + random.nextInt(1800);
    } else if (m < 50) {
      metric = "error_rate";
      threshold = 0.01 + random.nextInt(5) * 0.01;
    } else if (m < 70) {
      metric = "cost_usd";
      threshold = Math.round(minutes * Math.pow(10, random.nextDouble() * 3 - 2) * 100) / 100.0;
    } else if (m < 85) {
      metric = "output_tokens_per_call";
      threshold = 250 + random.nextInt(350);
    } else {
      metric = "ttft_p95_ms";
      threshold = 300 + random.nextInt(600);
    }
    ObjectNode filter = JSON.createObjectNode();
    int f = random.nextInt(100);
    String service = SERVICES[random.nextInt(SERVICES.length)];
    String model = MODELS[random.nextInt(MODELS.length)];
    if (f < 35) {
      filter.put("service", service).put("model", model);
    } else if (f < 60) {
      filter.put("service", service);
    } else if (f < 85) {
      filter.put("model", model);
    }
    r.put("name", String.format("%s t%04d %s %s %s", TAG, i, metric, window, filter));
    r.put("kind", "threshold");
    r.set("filter", filter);
    if (!filter.has("model") && random.nextInt(100) < 40) {
      r.putArray("groupBy").add("model");
    }
    r.put("metric", metric);
    r.put("window", window);
    r.put("op", ">");
    r.put("threshold", threshold);
    if (random.nextInt(100) < 20) {
      r.put("warnThreshold", threshold * 0.8);
    }
    if (random.nextBoolean()) {
      r.put("minCalls", 20);
    }
    r.put("for", new String[] {"0s", "1m", "2m", "5m"}[random.nextInt(4)]);
    return r;
  }

  /**
   * One drift rule: latency (even i) or cost per call (odd i), window 1h, baseline 7 days; rules
   * 0–11 filter on one model, 12–43 on one model and one service, 44–49 group by model.
   */
  static ObjectNode driftRule(int i) {
    ObjectNode r = JSON.createObjectNode();
    String metric = i % 2 == 0 ? "latency_p95_ms" : "cost_per_call_usd";
    ObjectNode filter = JSON.createObjectNode();
    if (i < 44) {
      filter.put("model", MODELS[(i / 2) % MODELS.length]);
    }
    if (i >= 12 && i < 44) {
      filter.put("service", SERVICES[(i / 2) % SERVICES.length]);
    }
    r.put("name", String.format("%s d%02d %s %s", TAG, i, metric, filter));
    r.put("kind", "drift");
    r.set("filter", filter);
    if (i >= 44) {
      r.putArray("groupBy").add("model");
    }
    r.put("metric", metric);
    r.put("window", "1h");
    r.put("baselineDays", 7);
    return r;
  }

  /**
   * The rule set stored in the project: reused when the project already holds exactly these rules,
   * otherwise every benchmark rule is deleted and these are created. Returns their ids by name.
   */
  private Map<String, String> rules(Map<String, ObjectNode> wanted, StringBuilder report)
      throws IOException, InterruptedException {
    Map<String, String> ids = new TreeMap<>();
    List<String> stale = new ArrayList<>();
    for (JsonNode r : call("GET", "/api/v1/alerts/rules", null, 200).path("rules")) {
      String name = r.path("name").asText();
      String evaluated = r.path("lastEvaluatedAt").asText("");
      if (!evaluated.isEmpty() && Instant.parse(evaluated).isAfter(lastEvaluated)) {
        lastEvaluated = Instant.parse(evaluated);
      }
      if (name.startsWith(TAG + " ") && wanted.containsKey(name) && !ids.containsKey(name)) {
        ids.put(name, r.path("id").asText());
      } else if (name.startsWith("bench")) {
        stale.add(r.path("id").asText());
      }
    }
    if (ids.size() == wanted.size() && stale.isEmpty()) {
      BenchData.line(report, "rules: the " + ids.size() + " rules of " + TAG + " reused\n");
      return ids;
    }
    stale.addAll(ids.values());
    ids.clear();
    long t0 = System.nanoTime();
    for (String id : stale) {
      call("DELETE", "/api/v1/alerts/rules/" + id, null, 204);
    }
    double deleteS = (System.nanoTime() - t0) / 1e9;
    double[] ms = new double[wanted.size()];
    int i = 0;
    t0 = System.nanoTime();
    for (ObjectNode body : wanted.values()) {
      long t = System.nanoTime();
      JsonNode created = call("POST", "/api/v1/alerts/rules", body, 201);
      ms[i++] = (System.nanoTime() - t) / 1e6;
      ids.put(body.path("name").asText(), created.path("id").asText());
    }
    double createS = (System.nanoTime() - t0) / 1e9;
    Arrays.sort(ms);
    BenchData.line(
        report,
        String.format(
            "rules: %d stale deleted in %.1f s; %d created in %.1f s (POST p50 %.1f ms, p95 %.1f ms,"
                + " max %.1f ms)%n",
            stale.size(),
            deleteS,
            ids.size(),
            createS,
            ms[ms.length / 2],
            ms[(int) Math.ceil(ms.length * 0.95) - 1],
            ms[ms.length - 1]));
    return ids;
  }

  private void setDriftEnabled(Map<String, ObjectNode> wanted, Map<String, String> ids, boolean on)
      throws IOException, InterruptedException {
    for (Map.Entry<String, ObjectNode> e : wanted.entrySet()) {
      if (e.getValue().path("kind").asText().equals("drift")) {
        ObjectNode body = e.getValue().deepCopy();
        body.put("enabled", on);
        call("PUT", "/api/v1/alerts/rules/" + ids.get(e.getKey()), body, 200);
      }
    }
  }

  /**
   * Times {@code rounds} evaluation rounds at {@code now} after {@code warmup} untimed ones, each
   * after forget() so every rule is due; reports wall time, rules evaluated, transitions, process
   * CPU, CPU by thread, and the engine's counters over the timed rounds.
   */
  private void timeRounds(
      StringBuilder report,
      String name,
      Instant now,
      int warmup,
      int rounds,
      HttpClient http,
      String url)
      throws IOException, InterruptedException {
    for (int i = 0; i < warmup; i++) {
      round.forget();
      EvaluationRound.Result r = round.run(next);
      next = next.plus(Duration.ofMinutes(1));
      BenchData.line(
          report,
          String.format(
              "%s, warm-up round %d: %d ms, %d rules evaluated, %d transitions%n",
              name, i + 1, r.millis(), r.rulesEvaluated(), r.transitions()));
    }
    Map<String, Long> events0 = engineEvents(http, url);
    Map<String, long[]> threads0 = threadCpu();
    long cpu0 = BenchData.processCpuMillis();
    double[] ms = new double[rounds];
    int evaluated = 0;
    int transitions = 0;
    for (int i = 0; i < rounds; i++) {
      round.forget();
      long t = System.nanoTime();
      EvaluationRound.Result r = round.run(next);
      ms[i] = (System.nanoTime() - t) / 1e6;
      next = next.plus(Duration.ofMinutes(1));
      evaluated = i == 0 ? r.rulesEvaluated() : Math.min(evaluated, r.rulesEvaluated());
      transitions += r.transitions();
    }
    long cpu = BenchData.processCpuMillis() - cpu0;
    Map<String, long[]> threads1 = threadCpu();
    Map<String, Long> events1 = engineEvents(http, url);
    double total = Arrays.stream(ms).sum();
    Arrays.sort(ms);
    BenchData.line(
        report,
        String.format(
            "ROUND %s: p50 %.0f ms  p95 %.0f ms  max %.0f ms  (%d rounds; at least %d rules evaluated per"
                + " round, %d transitions in all); process CPU %.0f ms per round = %.2f cores%n",
            name,
            ms[rounds / 2],
            ms[(int) Math.ceil(rounds * 0.95) - 1],
            ms[rounds - 1],
            rounds,
            evaluated,
            transitions,
            cpu / (double) rounds,
            cpu / total));
    // Where the CPU went: per thread name (digits dropped), user + system, per round.
    Map<String, Long> byName = new HashMap<>();
    threads1.forEach(
        (tid, now1) -> {
          long[] before = threads0.getOrDefault(tid, new long[] {0});
          long d = now1[0] - (before.length > 1 && before[1] == now1[1] ? before[0] : 0);
          if (d > 0) {
            byName.merge(threadName(tid), d, Long::sum);
          }
        });
    StringBuilder cpuLines = new StringBuilder();
    byName.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .limit(14)
        .forEach(
            e ->
                cpuLines.append(
                    String.format(
                        "    %-22s %7.0f ms per round%n",
                        e.getKey(), e.getValue() / (double) rounds)));
    BenchData.line(report, "  CPU by thread (per round):\n" + cpuLines);
    StringBuilder ev = new StringBuilder();
    for (String e : events1.keySet()) {
      long d = events1.get(e) - events0.getOrDefault(e, 0L);
      ev.append(String.format("    %-34s %14.1f per round%n", e, d / (double) rounds));
    }
    BenchData.line(report, "  engine counters (system.events, per round):\n" + ev);
    long selects =
        events1.getOrDefault("SelectQuery", 0L) - events0.getOrDefault("SelectQuery", 0L);
    long selectUs =
        events1.getOrDefault("SelectQueryTimeMicroseconds", 0L)
            - events0.getOrDefault("SelectQueryTimeMicroseconds", 0L);
    if (selects > 0) {
      BenchData.line(
          report,
          String.format(
              "  engine: %.0f SELECTs per round, %.1f ms each on average, %.0f ms summed per round"
                  + " (round wall p50 %.0f ms)%n",
              selects / (double) rounds,
              selectUs / 1000.0 / selects,
              selectUs / 1000.0 / rounds,
              ms[rounds / 2]));
    }
  }

  /** The engine's cumulative counters that say what a round asked of it. */
  private static Map<String, Long> engineEvents(HttpClient http, String url)
      throws IOException, InterruptedException {
    Map<String, Long> out = new TreeMap<>();
    String rows =
        BenchData.sql(
            http,
            url,
            "SELECT event, value FROM system.events WHERE event IN ('Query', 'SelectQuery',"
                + " 'InsertQuery', 'QueryTimeMicroseconds', 'SelectQueryTimeMicroseconds',"
                + " 'InsertQueryTimeMicroseconds', 'SelectedRows', 'SelectedBytes', 'SelectedMarks',"
                + " 'UserTimeMicroseconds', 'SystemTimeMicroseconds', 'RealTimeMicroseconds')"
                + " FORMAT TabSeparated");
    for (String line : rows.trim().split("\n")) {
      String[] f = line.split("\t");
      if (f.length == 2) {
        out.put(f[0], Long.parseLong(f[1]));
      }
    }
    return out;
  }

  /** Per OS thread of this process: [CPU ms (user + system), start time] from /proc/self/task. */
  private static Map<String, long[]> threadCpu() throws IOException {
    Map<String, long[]> out = new HashMap<>();
    try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
      for (Path task : tasks.toList()) {
        try {
          String stat = Files.readString(task.resolve("stat"));
          String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          out.put(
              task.getFileName().toString(),
              new long[] {
                (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10, Long.parseLong(f[19])
              });
        } catch (IOException | RuntimeException e) {
          // The thread ended meanwhile.
        }
      }
    }
    return out;
  }

  /** A thread's name with its digits dropped, so a pool's threads count together. */
  private static String threadName(String tid) {
    try {
      return Files.readString(Path.of("/proc/self/task", tid, "comm"))
          .trim()
          .replaceAll("[0-9]+", "#");
    } catch (IOException e) {
      return "(ended)";
    }
  }

  /** Raw limits: the engine alone running what one rule asks of it, and a batched alternative. */
  private static void rawLimits(
      StringBuilder report, int runs, HttpClient http, String url, String project, Instant now)
      throws IOException, InterruptedException {
    BenchData.timeSql(report, runs, http, url, "engine: SELECT 1", "SELECT 1");
    // One threshold rule's rollup query, as the reader binds it (llm_minute_rollup: service
    // filter).
    String pricing = resource("rollup_pricing_units");
    String stats = resource("rollup_stats");
    String statsByModel = resource("rollup_stats_by_model");
    timeRollup(
        report,
        runs,
        http,
        url,
        "engine: cost rule 5m service+model (pricing units)",
        pricing,
        rollupParams(project, now, Duration.ofMinutes(5), "checkout", "gpt-4o", false));
    timeRollup(
        report,
        runs,
        http,
        url,
        "engine: cost rule 1h service+model (pricing units)",
        pricing,
        rollupParams(project, now, Duration.ofHours(1), "checkout", "gpt-4o", false));
    timeRollup(
        report,
        runs,
        http,
        url,
        "engine: p95 rule 5m service (stats)",
        stats,
        rollupParams(project, now, Duration.ofMinutes(5), "checkout", "", false));
    timeRollup(
        report,
        runs,
        http,
        url,
        "engine: p95 rule 1h service (stats)",
        stats,
        rollupParams(project, now, Duration.ofHours(1), "checkout", "", false));
    timeRollup(
        report,
        runs,
        http,
        url,
        "engine: p95 rule 1h service by model (stats)",
        stats,
        rollupParams(project, now, Duration.ofHours(1), "checkout", "", true));
    timeRollup(
        report,
        runs,
        http,
        url,
        "engine: p95 rule 1h model (stats, model rollup)",
        statsByModel,
        rollupParams(project, now, Duration.ofHours(1), "", "gpt-4o", false));
    BenchData.timeSql(
        report,
        runs,
        http,
        url,
        "engine: drift sample, one model, 5000/side (rules)",
        BenchData.driftSampleSql(project, "gpt-4o", now, 5000));
    BenchData.timeSql(
        report,
        runs,
        http,
        url,
        "engine: drift sample, one model, 2000/side (API)",
        BenchData.driftSampleSql(project, "gpt-4o", now, 2000));
    // Batching: every threshold rule of one window (any service/model filter, grouped by model or
    // not) from one scan of the window's minute rows, with GROUPING SETS.
    for (Duration w : List.of(Duration.ofMinutes(5), Duration.ofHours(1))) {
      long to = Math.floorDiv(now.getEpochSecond() + 59, 60) * 60;
      long from = Math.floorDiv(now.minus(w).getEpochSecond(), 60) * 60;
      BenchData.timeSql(
          report,
          runs,
          http,
          url,
          "engine: ALL threshold rules of a " + w.toMinutes() + "m window, 1 query",
          "SELECT service, request_model, if(response_model != '', response_model, request_model)"
              + " AS g_model, provider, response_model, sum(calls), sum(errors), sum(input_tokens),"
              + " sum(output_tokens), quantilesTDigestMerge(0.5, 0.9, 0.95, 0.99)(duration_q),"
              + " quantilesTDigestIfMerge(0.5, 0.95)(ttft_q)"
              + " FROM boxscore.llm_minute_rollup WHERE project_id = '"
              + project
              + "'"
              + " AND minute >= toDateTime("
              + from
              + ", 'UTC')"
              + " AND minute < toDateTime("
              + to
              + ", 'UTC')"
              + " GROUP BY GROUPING SETS ((service, request_model, provider, response_model),"
              + " (service, request_model), (service, g_model), (service), (request_model),"
              + " (g_model), ())");
    }
  }

  private static String resource(String name) throws IOException {
    return new String(
        AlertEvaluationBenchmark.class
            .getResourceAsStream("/clickhouse/queries/" + name + ".sql")
            .readAllBytes(),
        StandardCharsets.UTF_8);
  }

  /** The reader's parameters of a threshold rule's rollup query (ClickHouseAnalyticsReader). */
  private static Map<String, String> rollupParams(
      String project, Instant now, Duration window, String service, String model, boolean byModel) {
    Map<String, String> p = new LinkedHashMap<>();
    long from = Math.floorDiv(now.minus(window).getEpochSecond(), 60) * 60;
    long to = Math.floorDiv(now.getEpochSecond() + (now.getNano() > 0 ? 1 : 0) + 59, 60) * 60;
    long bucket = Duration.ofDays(36_500).getSeconds();
    long hoursFrom = Math.floorDiv(from + 3599, 3600) * 3600;
    long hoursTo = Math.floorDiv(to, 3600) * 3600;
    boolean usable = hoursFrom < hoursTo;
    p.put("project", project);
    p.put("from_s", Long.toString(from));
    p.put("to_s", Long.toString(to));
    p.put("bucket_s", Long.toString(bucket));
    p.put("hours_from_s", Long.toString(usable ? hoursFrom : to));
    p.put("hours_to_s", Long.toString(usable ? hoursTo : to));
    for (String d :
        List.of(
            "service",
            "provider",
            "model",
            "request_model",
            "response_model",
            "prompt_fingerprint",
            "prompt_version")) {
      p.put("by_" + d, Boolean.toString(d.equals("model") && byModel));
      p.put(d, d.equals("service") ? service : d.equals("model") ? model : "");
    }
    p.put("by_model_key", "false");
    return p;
  }

  private static void timeRollup(
      StringBuilder report,
      int runs,
      HttpClient http,
      String url,
      String name,
      String sql,
      Map<String, String> params)
      throws IOException, InterruptedException {
    StringBuilder q = new StringBuilder("?database=boxscore");
    params.forEach(
        (k, v) ->
            q.append("&param_")
                .append(k)
                .append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
    BenchData.timeSql(report, runs, http, url + "/" + q, name, sql.strip());
  }

  private JsonNode call(String method, String path, JsonNode body, int status)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(base.resolve(path))
            .header("Authorization", "Bearer " + KEY)
            .timeout(Duration.ofMinutes(5));
    if (body != null) {
      b.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    } else {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    }
    HttpResponse<String> r = api.send(b.build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != status) {
      throw new IllegalStateException(
          method + " " + path + " answered " + r.statusCode() + ": " + r.body());
    }
    return r.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(r.body());
  }
}
