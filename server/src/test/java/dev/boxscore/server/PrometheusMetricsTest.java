package dev.boxscore.server;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.boxscore.collector.CollectorRole;
import dev.boxscore.storage.SpanRow;
import dev.boxscore.storage.clickhouse.ClickHouseStorage;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/v1/metrics/prometheus}: calls sent through the whole pipeline show as counters
 * equal to /api/v1/metrics' figures, with and without a project price; histograms are cumulative
 * and agree with the counters; a hostile model name is escaped; only a key that may read gets it,
 * and only its own project's calls. Every scrape is parsed strictly ({@link PrometheusText}).
 */
@QuarkusTest
class PrometheusMetricsTest {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  /** What Prometheus 3 sends when scraping (its default scrape protocols, in its order). */
  private static final String PROMETHEUS_ACCEPT =
      "application/openmetrics-text;version=1.0.0;escaping=allow-utf-8;q=0.5,"
          + "application/openmetrics-text;version=0.0.1;q=0.4,"
          + "text/plain;version=1.0.0;escaping=allow-utf-8;q=0.3,text/plain;version=0.0.4;q=0.2,*/*;q=0.1";

  private static final String HOSTILE_MODEL = "evil\"model\\with\nline} 1\nfake_metric 9";
  private static final List<String> LE =
      List.of("0.1", "0.25", "0.5", "1", "2", "5", "10", "30", "60", "120", "+Inf");

  @Inject CollectorRole collector;
  @Inject ClickHouseStorage storage;

  @Test
  void countersEqualTheAnalyticsApiWithAndWithoutAProjectPrice() throws Exception {
    Projects.Created project = Projects.create("prom-" + UUID.randomUUID());
    String key = Projects.key(project.adminKey(), List.of("ingest", "read"), null)[0];
    String service = "prom-svc-" + UUID.randomUUID();
    // 3 gpt-4o calls (answered by gpt-4o-2024-08-06), one of them failed; 2 gpt-4o-mini calls with
    // cache reads; 1 call of an unpriced model whose name tries to break the format.
    assertThat(
            Otlp.export(
                Otlp.httpExporter(collector.httpPort(), key),
                service,
                tracer -> {
                  for (int i = 0; i < 3; i++) {
                    llmCall(tracer, "gpt-4o", "gpt-4o-2024-08-06", 1000 + i, 100, 0, i == 0);
                  }
                  for (int i = 0; i < 2; i++) {
                    llmCall(tracer, "gpt-4o-mini", "", 2000, 50, 1500, false);
                  }
                  llmCall(tracer, HOSTILE_MODEL, "", 10, 1, 0, false);
                }))
        .isTrue();
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> analytics(key).values().stream().mapToLong(s -> s.calls).sum() == 6);

    Map<List<String>, Figures> api = analytics(key);
    assertThat(api).hasSize(3);
    Map<List<String>, Figures> scraped = counters(scrape(key));
    assertThat(scraped).isEqualTo(api);
    Figures gpt4o = scraped.get(List.of(service, "openai", "gpt-4o-2024-08-06"));
    assertThat(gpt4o.calls).isEqualTo(3);
    assertThat(gpt4o.errors).isEqualTo(1);
    assertThat(gpt4o.tokens).containsExactly(3003L, 300L, 0L, 0L, 0L);
    assertThat(gpt4o.cost).isNotNull();
    Figures mini = scraped.get(List.of(service, "openai", "gpt-4o-mini"));
    assertThat(mini.tokens).containsExactly(4000L, 100L, 3000L, 0L, 0L);
    // The hostile model: escaped into one series of its own, unpriced (no cost series, not $0).
    Figures hostile = scraped.get(List.of(service, "openai", HOSTILE_MODEL));
    assertThat(hostile.calls).isEqualTo(1);
    assertThat(hostile.cost).isNull();
    assertThat(hostile.unpriced).isEqualTo(1);
    assertThat(scrape(key)).doesNotContain("\nfake_metric");

    // A project price for gpt-4o valid from the day before: the scrape re-prices at once, as the
    // API.
    String yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();
    given()
        .auth()
        .oauth2(project.adminKey())
        .contentType(ContentType.JSON)
        .body(
            "{\"provider\":\"openai\",\"model\":\"gpt-4o\",\"input\":2,\"output\":10,"
                + "\"effectiveFrom\":\""
                + yesterday
                + "\",\"source\":\"contract\"}")
        .put("/api/v1/prices")
        .then()
        .statusCode(200);
    Map<List<String>, Figures> repriced = counters(scrape(key));
    assertThat(repriced).isEqualTo(analytics(key));
    // 3003 input tokens at $2/M + 300 output at $10/M.
    assertThat(repriced.get(List.of(service, "openai", "gpt-4o-2024-08-06")).cost)
        .isEqualByComparingTo("0.009006");
    assertThat(repriced.get(List.of(service, "openai", "gpt-4o-mini")).cost)
        .isEqualByComparingTo(mini.cost);

    // The histograms count the same calls.
    Map<String, PrometheusText.Family> families = PrometheusText.parse(scrape(key));
    for (var e : scraped.entrySet()) {
      assertThat(count(families, "boxscore_llm_latency_seconds", e.getKey()))
          .as("latency _count of %s", e.getKey())
          .isEqualTo(e.getValue().calls);
    }
  }

  @Test
  void histogramsAreCumulativeAndAgreeWithTheirCountsAndTheCalls() {
    Projects.Created project = Projects.create("prom-hist-" + UUID.randomUUID());
    String key = Projects.key(project.adminKey(), List.of("read"), null)[0];
    Instant start = Instant.now().minus(Duration.ofHours(2));
    List<SpanRow> rows = new ArrayList<>();
    // Durations on and around the bounds; a bound is inclusive (le = "less or equal").
    double[] durations = {50, 100, 300, 1500, 200_000};
    Double[] ttfts = {80.0, null, 600.0, null, 100.0};
    for (int i = 0; i < durations.length; i++) {
      LlmRow r = new LlmRow(project.id(), start.plusSeconds(i));
      r.service = "hist";
      r.durationMs = durations[i];
      r.ttftMs = ttfts[i];
      // A call answered by another model has a second row in llm_calls: it must count once.
      r.responseModel = "gpt-4o-2024-08-06";
      rows.add(r.row());
    }
    LlmRow other = new LlmRow(project.id(), start);
    other.service = "hist";
    other.requestModel = "claude-sonnet-4-5";
    other.provider = "anthropic";
    other.durationMs = 700;
    rows.add(other.row());
    storage.spanWriter(p -> 3650).write(rows);

    Map<String, PrometheusText.Family> f = PrometheusText.parse(scrape(key));
    List<String> gpt = List.of("hist", "openai", "gpt-4o-2024-08-06");
    assertThat(buckets(f, "boxscore_llm_latency_seconds", gpt))
        .containsExactly(2L, 2L, 3L, 3L, 4L, 4L, 4L, 4L, 4L, 4L, 5L);
    assertThat(value(f, "boxscore_llm_latency_seconds_sum", gpt)).isCloseTo(201.95, within(1e-9));
    assertThat(count(f, "boxscore_llm_latency_seconds", gpt)).isEqualTo(5);
    assertThat(buckets(f, "boxscore_llm_ttft_seconds", gpt))
        .containsExactly(2L, 2L, 2L, 3L, 3L, 3L, 3L, 3L, 3L, 3L, 3L);
    assertThat(value(f, "boxscore_llm_ttft_seconds_sum", gpt)).isCloseTo(0.78, within(1e-9));
    List<String> claude = List.of("hist", "anthropic", "claude-sonnet-4-5");
    assertThat(buckets(f, "boxscore_llm_latency_seconds", claude))
        .containsExactly(0L, 0L, 0L, 1L, 1L, 1L, 1L, 1L, 1L, 1L, 1L);
    // No call of it recorded a first token: no TTFT series (rather than an empty one).
    assertThat(series(f, "boxscore_llm_ttft_seconds_count")).doesNotContainKey(claude);

    // Every histogram series: buckets in le order, cumulative, +Inf = _count; latency _count =
    // calls.
    Map<List<String>, Double> calls = series(f, "boxscore_llm_calls_total");
    assertThat(calls).containsEntry(gpt, 5.0).containsEntry(claude, 1.0);
    for (String h : List.of("boxscore_llm_latency_seconds", "boxscore_llm_ttft_seconds")) {
      assertThat(f.get(h).type()).isEqualTo("histogram");
      for (var e : series(f, h + "_count").entrySet()) {
        List<Long> b = buckets(f, h, e.getKey());
        for (int i = 1; i < b.size(); i++) {
          assertThat(b.get(i)).isGreaterThanOrEqualTo(b.get(i - 1));
        }
        assertThat(b.get(b.size() - 1).doubleValue()).isEqualTo(e.getValue());
        if (h.equals("boxscore_llm_latency_seconds")) {
          assertThat(e.getValue()).isEqualTo(calls.get(e.getKey()));
        }
      }
    }
    // HELP says what the counters cover.
    assertThat(f.get("boxscore_llm_calls_total").help()).contains("Cumulative");
    assertThat(f.get("boxscore_llm_latency_seconds").help()).contains("retention");
  }

  @Test
  void onlyAKeyThatMayReadGetsItsOwnProjectsCallsOnly() {
    Projects.Created a = Projects.create("prom-a-" + UUID.randomUUID());
    Projects.Created b = Projects.create("prom-b-" + UUID.randomUUID());
    Instant start = Instant.now().minus(Duration.ofHours(1));
    List<SpanRow> rows = new ArrayList<>();
    // The same service and model in both projects, in the same minutes, different counts.
    for (int i = 0; i < 4; i++) {
      LlmRow r = new LlmRow(a.id(), start.plusSeconds(i));
      r.service = "shared";
      r.input = 100;
      rows.add(r.row());
    }
    LlmRow onlyB = new LlmRow(b.id(), start);
    onlyB.service = "shared";
    onlyB.input = 7;
    rows.add(onlyB.row());
    LlmRow secretB = new LlmRow(b.id(), start);
    secretB.service = "b-secret-service";
    secretB.requestModel = "b-secret-model";
    rows.add(secretB.row());
    storage.spanWriter(p -> 3650).write(rows);

    String scrapeA = scrape(Projects.key(a.adminKey(), List.of("read"), null)[0]);
    Map<String, PrometheusText.Family> fa = PrometheusText.parse(scrapeA);
    List<String> shared = List.of("shared", "openai", "gpt-4o");
    assertThat(series(fa, "boxscore_llm_calls_total")).containsOnlyKeys(shared);
    assertThat(series(fa, "boxscore_llm_calls_total").get(shared)).isEqualTo(4.0);
    assertThat(count(fa, "boxscore_llm_latency_seconds", shared)).isEqualTo(4);
    assertThat(scrapeA).doesNotContain("b-secret");
    Map<String, PrometheusText.Family> fb = PrometheusText.parse(scrape(b.adminKey()));
    assertThat(series(fb, "boxscore_llm_calls_total").get(shared)).isEqualTo(1.0);
    assertThat(count(fb, "boxscore_llm_latency_seconds", shared)).isEqualTo(1);

    // No key: 401; a key that may only ingest: 403; both as JSON errors, as every /api/v1 answer.
    given()
        .header("Accept", PROMETHEUS_ACCEPT)
        .get("/api/v1/metrics/prometheus")
        .then()
        .statusCode(401)
        .header("WWW-Authenticate", "Bearer")
        .contentType(ContentType.JSON);
    given().auth().oauth2("bx_not_a_key").get("/api/v1/metrics/prometheus").then().statusCode(401);
    String ingestOnly = Projects.key(a.adminKey(), List.of("ingest"), null)[0];
    Response forbidden =
        given()
            .auth()
            .oauth2(ingestOnly)
            .header("Accept", PROMETHEUS_ACCEPT)
            .get("/api/v1/metrics/prometheus");
    assertThat(forbidden.statusCode()).isEqualTo(403);
    assertThat(forbidden.jsonPath().getString("error")).isEqualTo("forbidden");
  }

  @Test
  void theOpenApiDocumentDescribesTheTextAnswer() throws Exception {
    JsonNode doc = JSON.readTree(given().queryParam("format", "json").get("/q/openapi").asString());
    JsonNode get = doc.path("paths").path("/api/v1/metrics/prometheus").path("get");
    assertThat(
            get.path("responses")
                .path("200")
                .path("content")
                .has("text/plain; version=0.0.4; charset=utf-8"))
        .isTrue();
    assertThat(get.path("responses").has("401")).isTrue();
    assertThat(get.path("responses").has("403")).isTrue();
    // The example parses as what it shows.
    String example =
        get.path("responses")
            .path("200")
            .path("content")
            .path("text/plain; version=0.0.4; charset=utf-8")
            .path("examples")
            .elements()
            .next()
            .path("value")
            .asText();
    assertThat(PrometheusText.parse(example)).containsKeys("boxscore_llm_calls_total");
  }

  /** One scrape as Prometheus makes it; the answer's Content-Type is the format's. */
  static String scrape(String key) {
    Response r =
        given()
            .auth()
            .oauth2(key)
            .header("Accept", PROMETHEUS_ACCEPT)
            .get("/api/v1/metrics/prometheus");
    assertThat(r.statusCode()).as(r.asString()).isEqualTo(200);
    assertThat(r.header("Content-Type")).isEqualTo("text/plain; version=0.0.4; charset=utf-8");
    return r.asString();
  }

  /** calls, errors, tokens by type, cost (null: unpriced), unpriced calls of one series. */
  private record Figures(
      long calls, long errors, List<Long> tokens, BigDecimal cost, long unpriced) {
    Figures {
      cost = cost == null ? null : cost.stripTrailingZeros();
    }
  }

  /** /api/v1/metrics' figures per (service, provider, model) over the last day. */
  private static Map<List<String>, Figures> analytics(String key) {
    Instant now = Instant.now();
    String body =
        given()
            .auth()
            .oauth2(key)
            .queryParam("from", now.minus(Duration.ofDays(1)).toString())
            .queryParam("to", now.plus(Duration.ofMinutes(1)).toString())
            .queryParam("bucket", "1d")
            .queryParam("group_by", "service,provider,model")
            .get("/api/v1/metrics")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    Map<List<String>, Figures> out = new HashMap<>();
    try {
      for (JsonNode row : JSON.readTree(body).path("rows")) {
        JsonNode g = row.path("group");
        List<String> k =
            List.of(
                g.path("service").asText(), g.path("provider").asText(), g.path("model").asText());
        JsonNode t = row.path("tokens");
        JsonNode usd = row.path("cost").path("usd");
        Figures f =
            new Figures(
                row.path("calls").asLong(),
                row.path("errors").asLong(),
                List.of(
                    t.path("input").asLong(),
                    t.path("output").asLong(),
                    t.path("cacheRead").asLong(),
                    t.path("cacheWrite").asLong(),
                    t.path("reasoning").asLong()),
                usd.isNull() || usd.isMissingNode() ? null : usd.decimalValue(),
                row.path("cost").path("unpricedCalls").asLong());
        out.merge(k, f, PrometheusMetricsTest::plus);
      }
    } catch (Exception e) {
      throw new AssertionError(body, e);
    }
    return out;
  }

  private static Figures plus(Figures a, Figures b) {
    List<Long> tokens = new ArrayList<>();
    for (int i = 0; i < a.tokens.size(); i++) {
      tokens.add(a.tokens.get(i) + b.tokens.get(i));
    }
    BigDecimal cost = a.cost == null ? b.cost : b.cost == null ? a.cost : a.cost.add(b.cost);
    return new Figures(
        a.calls + b.calls, a.errors + b.errors, tokens, cost, a.unpriced + b.unpriced);
  }

  /** The scrape's counters per series, read exactly (cost as a decimal, not a double). */
  private static Map<List<String>, Figures> counters(String text) {
    Map<String, PrometheusText.Family> f = PrometheusText.parse(text);
    for (String name :
        List.of(
            "boxscore_llm_calls_total",
            "boxscore_llm_errors_total",
            "boxscore_llm_tokens_total",
            "boxscore_llm_cost_usd_total",
            "boxscore_llm_unpriced_calls_total")) {
      assertThat(f.get(name).type()).as(name).isEqualTo("counter");
      assertThat(f.get(name).help()).as(name).isNotBlank();
    }
    Map<List<String>, BigDecimal> costs = new HashMap<>();
    for (String line : text.split("\n")) {
      if (line.startsWith("boxscore_llm_cost_usd_total{")) {
        costs.put(
            labelsOf(PrometheusText.parse(costLine(line)), "boxscore_llm_cost_usd_total"),
            new BigDecimal(line.substring(line.lastIndexOf(' ') + 1)));
      }
    }
    Map<List<String>, Figures> out = new HashMap<>();
    for (var e : series(f, "boxscore_llm_calls_total").entrySet()) {
      List<String> k = e.getKey();
      List<Long> tokens = new ArrayList<>();
      for (String type : List.of("input", "output", "cache_read", "cache_write", "reasoning")) {
        tokens.add((long) sample(f, "boxscore_llm_tokens_total", k, type));
      }
      out.put(
          k,
          new Figures(
              e.getValue().longValue(),
              series(f, "boxscore_llm_errors_total").get(k).longValue(),
              tokens,
              costs.get(k),
              series(f, "boxscore_llm_unpriced_calls_total").get(k).longValue()));
    }
    return out;
  }

  private static String costLine(String line) {
    return "# TYPE boxscore_llm_cost_usd_total counter\n" + line + "\n";
  }

  private static List<String> labelsOf(Map<String, PrometheusText.Family> f, String family) {
    Map<String, String> l = f.get(family).samples().get(0).labels();
    return List.of(l.get("service"), l.get("provider"), l.get("model"));
  }

  private static double sample(
      Map<String, PrometheusText.Family> f, String family, List<String> k, String type) {
    return f.get(family).samples().stream()
        .filter(s -> key(s).equals(k) && type.equals(s.labels().get("type")))
        .findFirst()
        .orElseThrow()
        .value();
  }

  /** Samples named {@code name} (a family, or a histogram's _sum/_count) by series. */
  private static Map<List<String>, Double> series(
      Map<String, PrometheusText.Family> f, String name) {
    Map<List<String>, Double> out = new HashMap<>();
    for (PrometheusText.Family family : f.values()) {
      for (PrometheusText.Sample s : family.samples()) {
        if (s.name().equals(name)) {
          assertThat(s.labels().keySet()).startsWith("service", "provider", "model");
          out.put(key(s), s.value());
        }
      }
    }
    return out;
  }

  private static List<Long> buckets(
      Map<String, PrometheusText.Family> f, String histogram, List<String> k) {
    List<Long> out = new ArrayList<>();
    List<String> le = new ArrayList<>();
    for (PrometheusText.Sample s : f.get(histogram).samples()) {
      if (s.name().equals(histogram + "_bucket") && key(s).equals(k)) {
        le.add(s.labels().get("le"));
        out.add((long) s.value());
      }
    }
    assertThat(le).as("le of %s %s", histogram, k).isEqualTo(LE);
    return out;
  }

  private static double value(Map<String, PrometheusText.Family> f, String name, List<String> k) {
    return series(f, name).get(k);
  }

  private static long count(
      Map<String, PrometheusText.Family> f, String histogram, List<String> k) {
    Double v = series(f, histogram + "_count").get(k);
    return v == null ? -1 : v.longValue();
  }

  private static List<String> key(PrometheusText.Sample s) {
    return List.of(s.labels().get("service"), s.labels().get("provider"), s.labels().get("model"));
  }

  /** One LLM span in the GenAI conventions, failed when asked. */
  private static void llmCall(
      Tracer tracer,
      String model,
      String responseModel,
      long input,
      long output,
      long cacheRead,
      boolean failed) {
    var builder =
        tracer
            .spanBuilder("chat " + model)
            .setSpanKind(SpanKind.CLIENT)
            .setAttribute("gen_ai.operation.name", "chat")
            .setAttribute("gen_ai.provider.name", "openai")
            .setAttribute("gen_ai.request.model", model)
            .setAttribute("gen_ai.usage.input_tokens", input)
            .setAttribute("gen_ai.usage.output_tokens", output)
            .setAttribute(
                AttributeKey.stringArrayKey("gen_ai.response.finish_reasons"), List.of("stop"));
    if (!responseModel.isEmpty()) {
      builder.setAttribute("gen_ai.response.model", responseModel);
    }
    if (cacheRead > 0) {
      builder.setAttribute("gen_ai.usage.cache_read.input_tokens", cacheRead);
    }
    Span span = builder.startSpan();
    if (failed) {
      span.setStatus(StatusCode.ERROR, "rate limited");
    }
    span.end();
  }
}
