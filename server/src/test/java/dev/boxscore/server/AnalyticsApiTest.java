package dev.boxscore.server;

import static dev.boxscore.server.GeneratedCalls.api;
import static dev.boxscore.server.GeneratedCalls.get;
import static dev.boxscore.server.GeneratedCalls.usd;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.boxscore.model.pricing.ModelPrice;
import dev.boxscore.server.config.AuthConfig;
import dev.boxscore.storage.SpanRow;
import dev.boxscore.storage.analytics.ProjectPrice;
import dev.boxscore.storage.clickhouse.ClickHouseStorage;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Metrics, prices, compare and what-if on generated calls of known ground truth, written with the
 * real span writer into the real embedded engine and read through the REST API. Each test uses its
 * own time range and service, far from the other tests' data.
 */
@QuarkusTest
class AnalyticsApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Inject ClickHouseStorage storage;
  @Inject AuthConfig auth;

  private void write(int n, Instant start, Duration step, Consumer<LlmRow> shape) {
    GeneratedCalls.write(storage, auth.bootstrapProject(), n, start, step, shape);
  }

  /**
   * 10 gpt-4o calls on the last day of the launch price, 20 + 3 estimated on the first day of the
   * cut, 7 unknown.
   */
  private void writeCostTraffic() {
    write(
        10,
        Instant.parse("2024-10-01T23:30:00Z"),
        Duration.ofSeconds(1),
        r -> {
          r.service = "cost-svc";
          r.input = 1000;
          r.output = 100;
        });
    write(
        20,
        Instant.parse("2024-10-02T00:30:00Z"),
        Duration.ofSeconds(1),
        r -> {
          r.service = "cost-svc";
          r.responseModel = "gpt-4o-2024-08-06";
          r.input = 1000;
          r.cacheRead = 200;
          r.output = 100;
          r.error = r.start.getEpochSecond() % 10 == 0;
        });
    write(
        3,
        Instant.parse("2024-10-02T00:40:00Z"),
        Duration.ofSeconds(1),
        r -> {
          r.service = "cost-svc";
          r.reported = false;
          r.estimated = true;
          r.input = 100;
          r.output = 10;
        });
    write(
        7,
        Instant.parse("2024-10-02T00:50:00Z"),
        Duration.ofSeconds(1),
        r -> {
          r.service = "cost-svc";
          r.requestModel = "acme-internal-7";
          r.input = 500;
          r.output = 500;
          r.finish = List.of("length");
        });
  }

  /**
   * gpt-4o's built-in prices on the last day of its launch price and the first of the cut: the
   * traffic of {@link #writeCostTraffic} straddles that change, which these tests are about.
   */
  private static final java.util.function.Supplier<ModelPrice> LAUNCH =
      () -> ListPrices.of("openai", "gpt-4o", Instant.parse("2024-10-01T23:30:00Z"));

  private static final java.util.function.Supplier<ModelPrice> CUT =
      () -> ListPrices.of("openai", "gpt-4o-2024-08-06", Instant.parse("2024-10-02T00:30:00Z"));

  private static final Map<String, String> COST_WINDOW =
      Map.of("from", "2024-10-01T23:00:00Z", "to", "2024-10-02T01:00:00Z", "service", "cost-svc");

  @Test
  void costIsPricedAtEachCallsDayUnknownModelsAreUnpricedAndAProjectPriceRepricesHistory() {
    writeCostTraffic();
    Map<String, String> q = new java.util.HashMap<>(COST_WINDOW);
    q.put("bucket", "1h");
    q.put("group_by", "model");
    JsonNode rows = get("/api/v1/metrics", q).path("rows");
    // 23:00 gpt-4o; 00:00 acme-internal-7, gpt-4o (the estimated calls, no response model),
    // gpt-4o-2024-08-06.
    assertThat(rows.size()).isEqualTo(4);
    JsonNode launch = rows.get(0);
    assertThat(launch.path("bucket").asText()).isEqualTo("2024-10-01T23:00:00Z");
    assertThat(launch.path("group").path("model").asText()).isEqualTo("gpt-4o");
    assertThat(launch.path("calls").asLong()).isEqualTo(10);
    // The launch price, the day before the built-in catalog's cut.
    BigDecimal launchCost = ListPrices.cost(LAUNCH.get(), 1000, 100).multiply(BigDecimal.TEN);
    assertThat(usd(launch)).isEqualByComparingTo(launchCost);
    assertThat(launch.path("cost").path("estimated").asBoolean()).isFalse();

    JsonNode unknown = rows.get(1);
    assertThat(unknown.path("group").path("model").asText()).isEqualTo("acme-internal-7");
    assertThat(unknown.path("calls").asLong()).isEqualTo(7);
    assertThat(unknown.path("cost").path("usd").isNull()).isTrue();
    assertThat(unknown.path("cost").path("unpricedCalls").asLong()).isEqualTo(7);
    assertThat(unknown.path("cost").path("unpricedModels").get(0).asText())
        .isEqualTo("acme-internal-7");
    assertThat(unknown.path("finishReasons").path("length").asLong()).isEqualTo(7);

    JsonNode cut = rows.get(3);
    assertThat(cut.path("group").path("model").asText()).isEqualTo("gpt-4o-2024-08-06");
    assertThat(cut.path("calls").asLong()).isEqualTo(20);
    assertThat(cut.path("errors").asLong()).isEqualTo(2);
    assertThat(cut.path("errorRate").asDouble()).isEqualTo(0.1);
    assertThat(cut.path("tokens").path("cacheRead").asLong()).isEqualTo(4000);
    // The cut price from its first day: 20 x (800 uncached + 200 cache-read input, 100 output).
    BigDecimal cutCost = ListPrices.cost(CUT.get(), 800, 200, 100).multiply(BigDecimal.valueOf(20));
    assertThat(usd(cut)).isEqualByComparingTo(cutCost);

    q.put("group_by", "request_model");
    JsonNode byRequest = get("/api/v1/metrics", q).path("rows");
    JsonNode cutAll = byRequest.get(2);
    assertThat(cutAll.path("group").path("request_model").asText()).isEqualTo("gpt-4o");
    assertThat(cutAll.path("calls").asLong()).isEqualTo(23);
    // + 3 estimated calls x (100 input, 10 output), flagged as estimated
    BigDecimal cutAllCost =
        cutCost.add(ListPrices.cost(CUT.get(), 100, 10).multiply(BigDecimal.valueOf(3)));
    assertThat(usd(cutAll)).isEqualByComparingTo(cutAllCost);
    assertThat(cutAll.path("cost").path("estimated").asBoolean()).isTrue();
    assertThat(cutAll.path("tokens").path("estimated").asBoolean()).isTrue();
    assertThat(cutAll.path("tokens").path("estimatedCalls").asLong()).isEqualTo(3);

    // fields=usage: the same calls, errors, tokens and cost per row, without the latency
    // aggregates.
    Map<String, String> usageQuery = new java.util.HashMap<>(q);
    usageQuery.put("fields", "usage");
    JsonNode usage = get("/api/v1/metrics", usageQuery).path("rows");
    assertThat(usage.size()).isEqualTo(byRequest.size());
    for (int i = 0; i < usage.size(); i++) {
      JsonNode full = byRequest.get(i);
      JsonNode lean = usage.get(i);
      for (String field :
          List.of(
              "bucket",
              "group",
              "calls",
              "errors",
              "errorRate",
              "tokens",
              "cost",
              "outputTokensPerCall")) {
        assertThat(lean.path(field)).as("row %d %s", i, field).isEqualTo(full.path(field));
      }
      assertThat(lean.path("latencyMs").isNull()).isTrue();
      assertThat(lean.path("finishReasons").isNull()).isTrue();
    }
    usageQuery.put("fields", "latency");
    api()
        .queryParams(usageQuery)
        .get("/api/v1/metrics")
        .then()
        .statusCode(400)
        .body("message", org.hamcrest.Matchers.startsWith("fields: must be all or usage"));

    String price =
        "{\"provider\":\"openai\",\"model\":\"gpt-4o\",\"anyProvider\":true,\"input\":2,\"output\":8,"
            + "\"cacheRead\":0.5,\"effectiveFrom\":\"2024-10-02\",\"source\":\"negotiated\"}";
    api().contentType("application/json").body(price).put("/api/v1/prices").then().statusCode(200);
    try {
      api()
          .get("/api/v1/prices")
          .then()
          .statusCode(200)
          .body(
              "project.find { it.model == 'gpt-4o' }.source",
              org.hamcrest.Matchers.equalTo("negotiated"));
      JsonNode repriced = get("/api/v1/metrics", q).path("rows");
      // Before the effective day: unchanged. From it: 20 x (800 x 2 + 200 x 0.5 + 100 x 8) + 3 x
      // (100 x 2 + 10 x 8).
      assertThat(usd(repriced.get(0))).isEqualByComparingTo(launchCost);
      assertThat(usd(repriced.get(2))).isEqualByComparingTo("0.05084");
    } finally {
      api()
          .queryParam("provider", "openai")
          .queryParam("model", "gpt-4o")
          .queryParam("effective_from", "2024-10-02")
          .delete("/api/v1/prices")
          .then()
          .statusCode(204);
    }
    assertThat(usd(get("/api/v1/metrics", q).path("rows").get(2))).isEqualByComparingTo(cutAllCost);
  }

  /**
   * A price stored by another query process (written here straight into storage, past this
   * process's catalog cache) re-prices this process's answers within the cache's time (5 s by
   * default), and so does its removal.
   */
  @Test
  void aPriceChangedByAnotherQueryProcessAppliesWithinTheCacheTime() {
    write(
        4,
        Instant.parse("2024-09-03T10:00:00Z"),
        Duration.ofSeconds(1),
        r -> {
          r.service = "price-cache-svc";
          r.requestModel = "price-cache-probe-1";
          r.input = 1000;
          r.output = 500;
        });
    Map<String, String> window =
        Map.of(
            "from",
            "2024-09-03T10:00:00Z",
            "to",
            "2024-09-03T11:00:00Z",
            "bucket",
            "1h",
            "service",
            "price-cache-svc");
    assertThat(
            get("/api/v1/metrics", window)
                .path("rows")
                .get(0)
                .path("cost")
                .path("unpricedCalls")
                .asLong())
        .isEqualTo(4);
    ProjectPrice price =
        new ProjectPrice(
            "openai",
            "price-cache-probe-1",
            false,
            new BigDecimal("1"),
            new BigDecimal("2"),
            null,
            null,
            null,
            LocalDate.of(2024, 1, 1),
            "elsewhere");
    storage.priceStore().put(auth.bootstrapProject(), price);
    try {
      // 4 x (1000 x $1 + 500 x $2) per million tokens.
      await()
          .atMost(Duration.ofSeconds(15))
          .untilAsserted(
              () ->
                  assertThat(usd(get("/api/v1/metrics", window).path("rows").get(0)))
                      .isEqualByComparingTo("0.008"));
    } finally {
      storage
          .priceStore()
          .delete(
              auth.bootstrapProject(), "openai", "price-cache-probe-1", LocalDate.of(2024, 1, 1));
    }
    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(
            () ->
                assertThat(
                        get("/api/v1/metrics", window)
                            .path("rows")
                            .get(0)
                            .path("cost")
                            .path("unpricedCalls")
                            .asLong())
                    .isEqualTo(4));
  }

  @Test
  void latencyAndTtftQuantilesAreWithinTheDigestsError() {
    Instant start = Instant.parse("2024-11-05T10:00:00Z");
    List<SpanRow> rows = new ArrayList<>();
    for (int i = 1; i <= 1000; i++) {
      LlmRow r = new LlmRow(auth.bootstrapProject(), start.plusMillis(3000L * i));
      r.service = "latency-svc";
      r.durationMs = i;
      r.ttftMs = i % 2 == 0 ? i / 2.0 : null;
      r.input = 10;
      r.output = i % 3 == 0 ? 30 : 0;
      rows.add(r.row());
    }
    storage.spanWriter(GeneratedCalls.HISTORIC).write(rows);
    JsonNode row =
        get(
                "/api/v1/metrics",
                Map.of(
                    "from",
                    "2024-11-05T10:00:00Z",
                    "to",
                    "2024-11-05T11:00:00Z",
                    "bucket",
                    "1h",
                    "service",
                    "latency-svc"))
            .path("rows")
            .get(0);
    assertThat(row.path("calls").asLong()).isEqualTo(1000);
    assertThat(row.path("latencyMs").path("mean").asDouble()).isEqualTo(500.5);
    // t-digest: within 1% of rank of the exact quantile (500.5, 900.5, 950.5, 990.5 ms).
    assertThat(row.path("latencyMs").path("p50").asDouble()).isBetween(490.0, 511.0);
    assertThat(row.path("latencyMs").path("p90").asDouble()).isBetween(890.0, 911.0);
    assertThat(row.path("latencyMs").path("p95").asDouble()).isBetween(940.0, 961.0);
    assertThat(row.path("latencyMs").path("p99").asDouble()).isBetween(980.0, 1000.0);
    assertThat(row.path("ttftMs").path("calls").asLong()).isEqualTo(500);
    assertThat(row.path("ttftMs").path("p50").asDouble()).isBetween(245.0, 256.0);
    assertThat(row.path("ttftMs").path("p95").asDouble()).isBetween(470.0, 481.0);
    // 333 calls x 30 output tokens over 1000 calls with tokens.
    assertThat(row.path("outputTokensPerCall").asDouble()).isEqualTo(9.99);
  }

  @Test
  void compareAndWhatIfUseTheSameTokensAtTheOtherPrices() {
    Instant start = Instant.parse("2024-12-03T10:00:00Z");
    write(
        10,
        start,
        Duration.ofSeconds(10),
        r -> {
          r.service = "decide-a";
          r.input = 1000;
          r.output = 100;
          r.durationMs = 300;
        });
    write(
        4,
        start,
        Duration.ofSeconds(10),
        r -> {
          r.service = "decide-b";
          r.requestModel = "claude-3-5-sonnet";
          r.provider = "anthropic";
          r.input = 2000;
          r.output = 200;
          r.durationMs = 900;
          r.error = r.start.equals(start);
        });
    write(
        2,
        start,
        Duration.ofSeconds(10),
        r -> {
          r.service = "decide-b";
          r.requestModel = "acme-internal-7";
        });
    Map<String, String> window =
        Map.of("from", "2024-12-03T10:00:00Z", "to", "2024-12-03T11:00:00Z");
    Map<String, String> compare = new java.util.HashMap<>(window);
    compare.put("a", "gpt-4o");
    compare.put("b", "claude-3-5-sonnet");
    JsonNode c = get("/api/v1/compare", compare);
    assertThat(c.path("a").path("calls").asLong()).isEqualTo(10);
    Instant day = Instant.parse("2024-12-03T10:00:00Z");
    BigDecimal aCall = ListPrices.cost(ListPrices.of("openai", "gpt-4o", day), 1000, 100);
    BigDecimal bCall =
        ListPrices.cost(ListPrices.of("anthropic", "claude-3-5-sonnet", day), 2000, 200);
    ModelPrice mini = ListPrices.of("openai", "gpt-4o-mini", day);
    assertThat(c.path("a").path("cost").path("usdPerPricedCall").decimalValue())
        .isEqualByComparingTo(aCall);
    assertThat(c.path("b").path("calls").asLong()).isEqualTo(4);
    assertThat(c.path("b").path("errorRate").asDouble()).isEqualTo(0.25);
    assertThat(c.path("b").path("cost").path("usdPerPricedCall").decimalValue())
        .isEqualByComparingTo(bCall);
    assertThat(c.path("b").path("latencyMs").path("p50").asDouble())
        .isCloseTo(900, org.assertj.core.api.Assertions.within(9.0));
    assertThat(c.path("scores")).isEmpty();
    assertThat(c.path("scoresNote").asText()).contains("no evaluation scores");

    Map<String, String> whatIf = new java.util.HashMap<>(window);
    whatIf.put("model", "gpt-4o-mini");
    JsonNode w = get("/api/v1/what-if", whatIf);
    assertThat(w.path("assumption").asText()).contains("same input, output");
    JsonNode a = w.path("services").get(0);
    assertThat(a.path("service").asText()).isEqualTo("decide-a");
    BigDecimal aActual = aCall.multiply(BigDecimal.TEN);
    BigDecimal aWhatIf = ListPrices.cost(mini, 1000, 100).multiply(BigDecimal.TEN);
    assertThat(a.path("actualUsd").decimalValue()).isEqualByComparingTo(aActual);
    assertThat(a.path("whatIfUsd").decimalValue()).isEqualByComparingTo(aWhatIf);
    JsonNode b = w.path("services").get(1);
    assertThat(b.path("calls").asLong()).isEqualTo(6);
    assertThat(b.path("unpricedCalls").asLong()).isEqualTo(2);
    BigDecimal bActual = bCall.multiply(BigDecimal.valueOf(4));
    BigDecimal bWhatIf = ListPrices.cost(mini, 2000, 200).multiply(BigDecimal.valueOf(4));
    assertThat(b.path("actualUsd").decimalValue()).isEqualByComparingTo(bActual);
    assertThat(b.path("whatIfUsd").decimalValue()).isEqualByComparingTo(bWhatIf);
    assertThat(w.path("total").path("actualUsd").decimalValue())
        .isEqualByComparingTo(aActual.add(bActual));
    assertThat(w.path("total").path("whatIfUsd").decimalValue())
        .isEqualByComparingTo(aWhatIf.add(bWhatIf));
    assertThat(w.path("total").path("differenceUsd").decimalValue())
        .isEqualByComparingTo(aWhatIf.add(bWhatIf).subtract(aActual.add(bActual)));
  }

  @Test
  void badAnalyticsParametersAre400NamingTheParameter() {
    expect400("/api/v1/metrics", Map.of("bucket", "90s"), "bucket");
    expect400("/api/v1/metrics", Map.of("bucket", "2d"), "bucket");
    expect400("/api/v1/metrics", Map.of("group_by", "model,colour"), "group_by");
    expect400(
        "/api/v1/metrics",
        Map.of("from", "2026-01-02T00:00:00Z", "to", "2026-01-01T00:00:00Z"),
        "from");
    expect400(
        "/api/v1/metrics",
        Map.of("from", "2020-01-01T00:00:00Z", "to", "2026-01-01T00:00:00Z"),
        "from");
    expect400("/api/v1/drift", Map.of(), "model");
    expect400("/api/v1/drift", Map.of("model", "gpt-4o", "min_samples", "abc"), "min_samples");
    expect400("/api/v1/drift", Map.of("model", "gpt-4o", "alpha", "2"), "alpha");
    expect400(
        "/api/v1/drift",
        Map.of("model", "gpt-4o", "baseline_from", "2026-01-01T00:00:00Z"),
        "baseline_to");
    expect400("/api/v1/drift/swaps", Map.of("window", "0m"), "window");
    expect400("/api/v1/compare", Map.of("a", "gpt-4o"), "b");
    expect400("/api/v1/what-if", Map.of("model", "no-such-model-anywhere"), "model");
    api()
        .contentType("application/json")
        .body(
            "{\"provider\":\"openai\",\"model\":\"x\",\"input\":-1,"
                + "\"output\":1,\"effectiveFrom\":\"2026-01-01\"}")
        .put("/api/v1/prices")
        .then()
        .statusCode(400)
        .body("message", containsString("input"));
    api()
        .contentType("application/json")
        .body(
            "{\"provider\":\"openai\",\"model\":\"x\",\"input\":1,"
                + "\"output\":1,\"effectiveFrom\":\"soon\"}")
        .put("/api/v1/prices")
        .then()
        .statusCode(400)
        .body("message", containsString("effectiveFrom"));
  }

  private static void expect400(String path, Map<String, String> params, String parameter) {
    api()
        .queryParams(params)
        .get(path)
        .then()
        .statusCode(400)
        .body("error", org.hamcrest.Matchers.equalTo("bad_parameter"))
        .body("message", containsString(parameter));
  }

  @Test
  void openApiDocumentsEveryAnalyticsEndpointWithExamples() {
    String doc = given().get("/q/openapi").then().statusCode(200).extract().asString();
    for (String path :
        List.of(
            "/api/v1/metrics",
            "/api/v1/drift",
            "/api/v1/drift/swaps",
            "/api/v1/compare",
            "/api/v1/what-if",
            "/api/v1/prices")) {
      assertThat(doc).contains(path + ":");
    }
    assertThat(doc)
        .contains(
            "hourly by model",
            "latency drift",
            "a dated model change",
            "to gpt-4o-mini",
            "negotiated gpt-4o",
            "gpt-4o vs claude");
  }

  @Test
  void everyApiOperationHasADescriptionAnAnswerExampleAndDocumentedErrors() throws Exception {
    JsonNode doc =
        JSON.readTree(
            given()
                .accept("application/json")
                .get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .extract()
                .asString());
    List<String> missing = new ArrayList<>();
    int operations = 0;
    for (var path : (Iterable<Map.Entry<String, JsonNode>>) doc.path("paths")::fields) {
      if (!path.getKey().startsWith("/api/v1/")) {
        continue;
      }
      for (var op : (Iterable<Map.Entry<String, JsonNode>>) path.getValue()::fields) {
        operations++;
        String where = op.getKey().toUpperCase() + " " + path.getKey();
        JsonNode o = op.getValue();
        if (o.path("summary").asText().isBlank()) {
          missing.add(where + ": summary");
        }
        boolean example = false;
        boolean badRequestOrAuth = false;
        for (var answer : (Iterable<Map.Entry<String, JsonNode>>) o.path("responses")::fields) {
          if (answer.getKey().startsWith("2")) {
            example |=
                answer.getValue().findValue("examples") != null
                    || answer.getValue().findValue("example") != null
                    || answer.getKey().equals("204");
          } else if (answer.getKey().startsWith("4")) {
            badRequestOrAuth = true;
          }
        }
        if (!example) {
          missing.add(where + ": example of the answer");
        }
        if (!badRequestOrAuth) {
          missing.add(where + ": a documented 4xx answer");
        }
        if (!o.path("responses").has("401")) {
          missing.add(where + ": 401 without a valid key");
        }
      }
    }
    assertThat(operations).isGreaterThanOrEqualTo(15);
    assertThat(missing).isEmpty();
  }
}
