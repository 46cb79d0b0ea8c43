package dev.boxscore.server;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.boxscore.storage.SpanRow;
import dev.boxscore.storage.clickhouse.ClickHouseStorage;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * A key of project B can neither read nor change project A's analytics: metrics, drift, swaps,
 * compare, what-if and prices. Both projects have LLM calls in the same hours with different
 * figures, so an answer that mixed them in (or leaked A's) would show in the numbers, not only in a
 * status code.
 */
@QuarkusTest
class AnalyticsIsolationTest {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  /** Generated calls are dated in the past: keep them beyond the default retention. */
  private static final java.util.function.ToIntFunction<String> HISTORIC = project -> 3650;

  private static final String FROM = "2024-12-10T10:00:00Z";
  private static final String TO = "2024-12-10T11:00:00Z";

  @Inject ClickHouseStorage storage;

  @Test
  void projectBsKeyNeverSeesOrChangesProjectAsAnalytics() {
    Projects.Created a = Projects.create("analytics-a-" + UUID.randomUUID());
    Projects.Created b = Projects.create("analytics-b-" + UUID.randomUUID());
    String serviceA = "isolated-a-" + UUID.randomUUID();
    String serviceB = "isolated-b-" + UUID.randomUUID();
    // A: 12 gpt-4o calls (1000 in, 100 out), with a silent response-model swap at 10:30; 8 days of
    // drift history.
    // B: 5 gpt-4o calls (200 in, 20 out), no swap.
    writeCalls(
        a.id(),
        serviceA,
        12,
        1000,
        100,
        r ->
            r.responseModel =
                r.start.isBefore(Instant.parse("2024-12-10T10:30:00Z"))
                    ? "gpt-4o-2024-08-06"
                    : "gpt-4o-2024-11-20");
    writeCalls(b.id(), serviceB, 5, 200, 20, r -> r.responseModel = "gpt-4o-2024-08-06");
    writeHistory(a.id(), serviceA, 30);
    writeHistory(b.id(), serviceB, 10);

    // /metrics: each key sees its own calls and cost; B filtering by A's service finds nothing.
    // Costs at each
    // response model's list price in the built-in catalog: A has 6 calls before its swap and 6
    // after.
    Instant at = Instant.parse(FROM);
    BigDecimal costA =
        ListPrices.cost(ListPrices.of("openai", "gpt-4o-2024-08-06", at), 1000, 100)
            .add(ListPrices.cost(ListPrices.of("openai", "gpt-4o-2024-11-20", at), 1000, 100))
            .multiply(BigDecimal.valueOf(6));
    BigDecimal costB =
        ListPrices.cost(ListPrices.of("openai", "gpt-4o-2024-08-06", at), 200, 20)
            .multiply(BigDecimal.valueOf(5));
    assertThat(metricsTotal(a.adminKey(), Map.of()).calls()).isEqualTo(12);
    assertThat(metricsTotal(a.adminKey(), Map.of()).cost()).isEqualByComparingTo(costA);
    assertThat(metricsTotal(b.adminKey(), Map.of()).calls()).isEqualTo(5);
    assertThat(metricsTotal(b.adminKey(), Map.of()).cost()).isEqualByComparingTo(costB);
    assertThat(
            get(b.adminKey(), "/api/v1/metrics", window(Map.of("service", serviceA)))
                .path("rows")
                .size())
        .isZero();

    // /drift: sample sizes are the key's own project's, whatever service it names.
    JsonNode driftA = get(a.adminKey(), "/api/v1/drift", driftWindow(serviceA));
    JsonNode driftB = get(b.adminKey(), "/api/v1/drift", driftWindow(serviceB));
    JsonNode driftBOnA = get(b.adminKey(), "/api/v1/drift", driftWindow(serviceA));
    assertThat(driftA.path("metrics").get(0).path("currentSamples").asLong()).isEqualTo(30);
    assertThat(driftA.path("metrics").get(0).path("baselineSamples").asLong()).isEqualTo(7 * 30);
    assertThat(driftB.path("metrics").get(0).path("currentSamples").asLong()).isEqualTo(10);
    assertThat(driftB.path("metrics").get(0).path("baselineSamples").asLong()).isEqualTo(7 * 10);
    assertThat(driftBOnA.path("metrics").get(0).path("currentSamples").asLong()).isZero();
    assertThat(driftBOnA.path("metrics").get(0).path("baselineSamples").asLong()).isZero();

    // /drift/swaps: A's swap is A's alone.
    Map<String, String> swapWindow = Map.of("from", FROM, "to", TO, "window", "20m");
    JsonNode swapsA = get(a.adminKey(), "/api/v1/drift/swaps", swapWindow).path("swaps");
    assertThat(swapsA.size()).isEqualTo(1);
    assertThat(swapsA.get(0).path("toResponseModel").asText()).isEqualTo("gpt-4o-2024-11-20");
    assertThat(get(b.adminKey(), "/api/v1/drift/swaps", swapWindow).path("swaps").size()).isZero();

    // /compare: the calls of each side are the key's own project's.
    Map<String, String> compare = window(Map.of("a", "gpt-4o", "b", "gpt-4o-mini"));
    assertThat(get(a.adminKey(), "/api/v1/compare", compare).path("a").path("calls").asLong())
        .isEqualTo(12);
    assertThat(get(b.adminKey(), "/api/v1/compare", compare).path("a").path("calls").asLong())
        .isEqualTo(5);

    // /what-if: B's re-pricing lists B's service and B's money only.
    JsonNode whatIfB = get(b.adminKey(), "/api/v1/what-if", window(Map.of("model", "gpt-4o-mini")));
    assertThat(whatIfB.path("services").size()).isEqualTo(1);
    assertThat(whatIfB.path("services").get(0).path("service").asText()).isEqualTo(serviceB);
    assertThat(whatIfB.path("total").path("actualUsd").decimalValue()).isEqualByComparingTo(costB);
    assertThat(whatIfB.toString()).doesNotContain(serviceA);

    // /prices: A's own price re-prices A's history only; B neither sees it nor deletes nor
    // overwrites it.
    String price =
        "{\"provider\":\"openai\",\"model\":\"gpt-4o\",\"anyProvider\":true,\"input\":1,\"output\":2,"
            + "\"effectiveFrom\":\"2024-12-01\",\"source\":\"a's contract\"}";
    given()
        .auth()
        .oauth2(a.adminKey())
        .contentType("application/json")
        .body(price)
        .put("/api/v1/prices")
        .then()
        .statusCode(200);
    // A: 12 x (1000 x $1 + 100 x $2) / 1M = 0.0144.
    assertThat(metricsTotal(a.adminKey(), Map.of()).cost()).isEqualByComparingTo("0.0144");
    assertThat(metricsTotal(b.adminKey(), Map.of()).cost()).isEqualByComparingTo(costB);
    assertThat(get(b.adminKey(), "/api/v1/prices", Map.of()).path("project").size()).isZero();
    assertThat(get(b.adminKey(), "/api/v1/prices", Map.of()).toString())
        .doesNotContain("a's contract");
    given()
        .auth()
        .oauth2(b.adminKey())
        .queryParam("provider", "openai")
        .queryParam("model", "gpt-4o")
        .queryParam("effective_from", "2024-12-01")
        .delete("/api/v1/prices")
        .then()
        .statusCode(404);
    String overwrite =
        price.replace("\"input\":1", "\"input\":100").replace("a's contract", "b's attempt");
    given()
        .auth()
        .oauth2(b.adminKey())
        .contentType("application/json")
        .body(overwrite)
        .put("/api/v1/prices")
        .then()
        .statusCode(200);
    JsonNode pricesA = get(a.adminKey(), "/api/v1/prices", Map.of()).path("project");
    assertThat(pricesA.size()).isEqualTo(1);
    assertThat(pricesA.get(0).path("source").asText()).isEqualTo("a's contract");
    assertThat(pricesA.get(0).path("input").decimalValue()).isEqualByComparingTo("1");
    assertThat(metricsTotal(a.adminKey(), Map.of()).cost()).isEqualByComparingTo("0.0144");
    // B's own price applies to B only: 5 x (200 x $100 + 20 x $2) / 1M = 0.1002.
    assertThat(metricsTotal(b.adminKey(), Map.of()).cost()).isEqualByComparingTo("0.1002");
    // B deleting its own price leaves A's in place.
    given()
        .auth()
        .oauth2(b.adminKey())
        .queryParam("provider", "openai")
        .queryParam("model", "gpt-4o")
        .queryParam("effective_from", "2024-12-01")
        .delete("/api/v1/prices")
        .then()
        .statusCode(204);
    assertThat(get(a.adminKey(), "/api/v1/prices", Map.of()).path("project").size()).isEqualTo(1);
    assertThat(metricsTotal(a.adminKey(), Map.of()).cost()).isEqualByComparingTo("0.0144");
    assertThat(metricsTotal(b.adminKey(), Map.of()).cost()).isEqualByComparingTo(costB);
  }

  record Totals(long calls, BigDecimal cost) {
    Totals {
      cost = cost.stripTrailingZeros();
    }
  }

  private static Totals metricsTotal(String key, Map<String, String> filters) {
    Map<String, String> q = window(filters);
    q.put("bucket", "1h");
    long calls = 0;
    BigDecimal cost = BigDecimal.ZERO;
    for (JsonNode row : get(key, "/api/v1/metrics", q).path("rows")) {
      calls += row.path("calls").asLong();
      cost = cost.add(row.path("cost").path("usd").decimalValue());
    }
    return new Totals(calls, cost);
  }

  private static Map<String, String> window(Map<String, String> more) {
    Map<String, String> q = new HashMap<>(more);
    q.put("from", FROM);
    q.put("to", TO);
    return q;
  }

  private static Map<String, String> driftWindow(String service) {
    return Map.of(
        "service",
        service,
        "from",
        "2025-02-10T12:00:00Z",
        "to",
        "2025-02-10T13:00:00Z",
        "min_samples",
        "10");
  }

  private void writeCalls(
      String project, String service, int n, long input, long output, Consumer<LlmRow> shape) {
    List<SpanRow> rows = new ArrayList<>();
    Instant start = Instant.parse(FROM);
    for (int i = 0; i < n; i++) {
      LlmRow r = new LlmRow(project, start.plus(Duration.ofMinutes(5L * i)));
      r.service = service;
      r.input = input;
      r.output = output;
      shape.accept(r);
      rows.add(r.row());
    }
    storage.spanWriter(HISTORIC).write(rows);
  }

  /**
   * {@code perWindow} gpt-4o-mini calls in the drift window's hour on that day and each of the 7
   * days before.
   */
  private void writeHistory(String project, String service, int perWindow) {
    List<SpanRow> rows = new ArrayList<>();
    Instant current = Instant.parse("2025-02-10T12:00:00Z");
    for (int day = 7; day >= 0; day--) {
      for (int i = 0; i < perWindow; i++) {
        LlmRow r = new LlmRow(project, current.minus(Duration.ofDays(day)).plusSeconds(60L * i));
        r.service = service;
        r.requestModel = "gpt-4o-mini";
        r.input = 100;
        r.output = 10 + i;
        r.durationMs = 100 + i;
        rows.add(r.row());
      }
    }
    storage.spanWriter(HISTORIC).write(rows);
  }

  private static JsonNode get(String key, String path, Map<String, String> params) {
    String body =
        given()
            .auth()
            .oauth2(key)
            .queryParams(params)
            .get(path)
            .then()
            .statusCode(200)
            .extract()
            .asString();
    try {
      return JSON.readTree(body);
    } catch (Exception e) {
      throw new AssertionError(body, e);
    }
  }
}
