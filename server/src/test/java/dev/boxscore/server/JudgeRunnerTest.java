package dev.boxscore.server;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.boxscore.collector.CollectorRole;
import dev.boxscore.query.service.judge.JudgeSampling;
import dev.boxscore.simulator.ProviderSimulator;
import dev.boxscore.simulator.SimulatedError;
import dev.boxscore.storage.clickhouse.ClickHouseStorage;
import dev.boxscore.storage.scores.Score;
import dev.boxscore.storage.scores.ScoreQuery;
import dev.boxscore.storage.scores.ScoreSource;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The LLM-as-judge runner end to end: calls sent through the collector, judged by the provider
 * simulator's sim-judge model, scores read back from storage, the judge's own calls through the
 * collector again under service boxscore-judge.
 */
@QuarkusTest
class JudgeRunnerTest {
  private static ProviderSimulator judge;

  @Inject CollectorRole collector;
  @Inject ClickHouseStorage storage;

  @BeforeAll
  static void startJudge() {
    judge = ProviderSimulator.builder().start();
  }

  @AfterAll
  static void stopJudge() {
    judge.close();
  }

  @Test
  void theSampledShareOfCallsIsJudgedOnceEachAndTheJudgesCostShowsUnderItsOwnService() {
    Projects.Created project = Projects.create("judge-sampling");
    price(project.adminKey(), "0.15", "0.6");
    String service = "support-" + run();
    String id =
        createEvaluator(project.adminKey(), judge.openAiBaseUrl(), service, 0.10, 100, 100_000);

    List<String[]> calls = sendCalls(project, service, 4000);
    Set<String> expected =
        calls.stream()
            .filter(c -> JudgeSampling.selected(id, c[0], c[1], 0.10))
            .map(c -> c[0] + ":" + c[1])
            .collect(Collectors.toSet());
    // The selection is a function of the ids: made again, it is the same set.
    assertThat(
            calls.stream()
                .filter(c -> JudgeSampling.selected(id, c[0], c[1], 0.10))
                .map(c -> c[0] + ":" + c[1])
                .collect(Collectors.toSet()))
        .isEqualTo(expected);
    // The share is a binomial draw over the random ids: at 10 % of 4,000 calls its sd is 0.47
    // points,
    // so ±2 points is 4.2 sd (a false failure about once in 40,000 runs; at 25 % of 2,000 calls it
    // would be once in 27). JudgeSamplingTest checks the hash's share to ±0.5 points over 200,000
    // ids.
    assertThat(expected.size() / 4000.0).isBetween(0.08, 0.12);

    await()
        .atMost(Duration.ofSeconds(180))
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(() -> assertThat(judgeScores(project.id())).hasSize(expected.size()));
    List<Score> scores = judgeScores(project.id());
    assertThat(scores)
        .extracting(s -> s.traceId() + ":" + s.spanId())
        .doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(expected);
    for (Score s : scores) {
      assertThat(s.id()).isEqualTo("judge:" + id + ":" + s.traceId() + ":" + s.spanId());
      assertThat(s.author()).isEqualTo("helpfulness judge");
      assertThat(s.name()).isEqualTo("helpfulness");
      assertThat(s.value()).isBetween(0.0, 1.0);
      assertThat(s.comment()).isEqualTo("simulated judgement");
      assertThat(s.call()).isNotNull();
      assertThat(s.call().service()).isEqualTo(service);
    }

    JsonPath status = evaluator(project.adminKey(), id);
    assertThat(status.getLong("status.judgedToday")).isEqualTo(expected.size());
    assertThat(status.getDouble("status.spendTodayUsd")).isPositive();
    assertThat(status.getString("status.paused")).isNull();

    // The judge's own calls: stored under service boxscore-judge, priced like any call.
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () -> {
              JsonPath metrics =
                  new JsonPath(
                      given()
                          .auth()
                          .oauth2(project.adminKey())
                          .queryParam("group_by", "service")
                          .queryParam("from", Instant.now().minusSeconds(3600).toString())
                          .queryParam("to", Instant.now().plusSeconds(60).toString())
                          .queryParam("bucket", "1d")
                          .get("/api/v1/metrics")
                          .then()
                          .statusCode(200)
                          .extract()
                          .asString());
              Map<String, Object> row =
                  metrics.getList("rows", Map.class).stream()
                      .filter(
                          r -> "boxscore-judge".equals(((Map<?, ?>) r.get("group")).get("service")))
                      .findFirst()
                      .orElseThrow(() -> new AssertionError(metrics.prettify()));
              assertThat(((Number) row.get("calls")).longValue()).isEqualTo(expected.size());
              assertThat(((Number) ((Map<?, ?>) row.get("cost")).get("usd")).doubleValue())
                  .isCloseTo(
                      status.getDouble("status.spendTodayUsd"),
                      org.assertj.core.data.Offset.offset(1e-6));
            });
  }

  @Test
  void aTinyDailyBudgetStopsTheRunnerAndTheStatusSaysSo() {
    Projects.Created project = Projects.create("judge-budget");
    // About 0.03 to 0.06 USD per judge call: the budget lasts a few calls.
    price(project.adminKey(), "500", "500");
    String service = "budget-" + run();
    String id =
        createEvaluator(project.adminKey(), judge.openAiBaseUrl(), service, 1.0, 0.1, 100_000);
    sendCalls(project, service, 40);

    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () ->
                assertThat(evaluator(project.adminKey(), id).getString("status.paused"))
                    .isEqualTo("budget"));
    int judged = judgeScores(project.id()).size();
    JsonPath status = evaluator(project.adminKey(), id);
    assertThat(judged).isBetween(1, 39);
    assertThat(status.getLong("status.judgedToday")).isEqualTo(judged);
    assertThat(status.getDouble("status.spendTodayUsd")).isGreaterThanOrEqualTo(0.1);
    assertThat(status.getDouble("status.budgetUsd")).isEqualTo(0.1);

    // More calls while the budget is spent: none is judged.
    sendCalls(project, service, 10);
    await()
        .during(Duration.ofSeconds(5))
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(() -> assertThat(judgeScores(project.id())).hasSize(judged));
    assertThat(evaluator(project.adminKey(), id).getString("status.paused")).isEqualTo("budget");
  }

  @Test
  void theRateLimitStopsTheRunnerForTheMinuteAndTheStatusSaysSo() {
    Projects.Created project = Projects.create("judge-rate");
    price(project.adminKey(), "0.15", "0.6");
    String service = "rate-" + run();
    String id = createEvaluator(project.adminKey(), judge.openAiBaseUrl(), service, 1.0, 100, 5);
    sendCalls(project, service, 20);

    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () ->
                assertThat(evaluator(project.adminKey(), id).getString("status.paused"))
                    .isEqualTo("rate"));
    // Five judge calls this minute, then none until it is over.
    await()
        .during(Duration.ofSeconds(5))
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(() -> assertThat(judgeScores(project.id())).hasSize(5));
    assertThat(evaluator(project.adminKey(), id).getLong("status.judgedToday")).isEqualTo(5);
  }

  @Test
  void failedJudgeCallsAreRetriedAndEachCallIsScoredOnce() {
    Projects.Created project = Projects.create("judge-retries");
    price(project.adminKey(), "0.15", "0.6");
    String service = "retry-" + run();
    try (ProviderSimulator flaky =
        ProviderSimulator.builder()
            .errorRate(0.3)
            // Seed 8 fails at most 2 requests in a row in its first 150: every call gets through
            // its
            // 3 retries, deterministically (one runner asks this simulator, one request at a time).
            .errorSeed(8)
            .errorKinds(List.of(SimulatedError.RATE_LIMITED, SimulatedError.SERVER_ERROR))
            .retryAfter(Duration.ofMillis(20))
            .start()) {
      String id =
          createEvaluator(project.adminKey(), flaky.openAiBaseUrl(), service, 1.0, 100, 100_000);
      List<String[]> calls = sendCalls(project, service, 60);
      await()
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofSeconds(1))
          .untilAsserted(() -> assertThat(judgeScores(project.id())).hasSize(calls.size()));
      assertThat(judgeScores(project.id()))
          .extracting(s -> s.traceId() + ":" + s.spanId())
          .containsExactlyInAnyOrderElementsOf(calls.stream().map(c -> c[0] + ":" + c[1]).toList());
      // Some requests failed and were asked again; no call got a second score.
      assertThat(flaky.requestCount("/v1/chat/completions")).isGreaterThan(calls.size());
      JsonPath status = evaluator(project.adminKey(), id);
      assertThat(status.getLong("status.judgedToday")).isEqualTo(calls.size());
      assertThat(status.getLong("status.errorsToday")).isZero();
    }
  }

  @Test
  void aJudgeThatKeepsFailingScoresNothingAndItsFailuresShowInTheStatusAndAsErrorSpans() {
    Projects.Created project = Projects.create("judge-failing");
    String service = "failing-" + run();
    try (ProviderSimulator down =
        ProviderSimulator.builder()
            .errorRate(1.0)
            .errorKinds(List.of(SimulatedError.SERVER_ERROR))
            .start()) {
      String id =
          createEvaluator(project.adminKey(), down.openAiBaseUrl(), service, 1.0, 100, 100_000);
      sendCalls(project, service, 3);
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(500))
          .untilAsserted(
              () ->
                  assertThat(evaluator(project.adminKey(), id).getLong("status.errorsToday"))
                      .isEqualTo(3));
      JsonPath status = evaluator(project.adminKey(), id);
      assertThat(status.getString("status.lastError")).startsWith("HTTP 500");
      assertThat(status.getLong("status.judgedToday")).isZero();
      assertThat(judgeScores(project.id())).isEmpty();
      // Each call was asked 1 + 3 times.
      assertThat(down.requestCount("/v1/chat/completions")).isEqualTo(12);
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofSeconds(1))
          .untilAsserted(
              () -> {
                JsonPath metrics = judgeMetrics(project.adminKey());
                assertThat(metrics.getList("rows.group.service")).contains("boxscore-judge");
                Map<?, ?> judgeRow =
                    metrics.getList("rows", Map.class).stream()
                        .filter(
                            r ->
                                "boxscore-judge"
                                    .equals(((Map<?, ?>) r.get("group")).get("service")))
                        .findFirst()
                        .orElseThrow();
                assertThat(((Number) judgeRow.get("calls")).intValue()).isEqualTo(3);
                assertThat(((Number) judgeRow.get("errors")).intValue()).isEqualTo(3);
              });
    }
  }

  private static JsonPath judgeMetrics(String key) {
    return new JsonPath(
        given()
            .auth()
            .oauth2(key)
            .queryParam("group_by", "service")
            .queryParam("from", Instant.now().minusSeconds(3600).toString())
            .queryParam("to", Instant.now().plusSeconds(60).toString())
            .queryParam("bucket", "1d")
            .get("/api/v1/metrics")
            .then()
            .statusCode(200)
            .extract()
            .asString());
  }

  @Test
  void theEvaluatorApiNamesBadFieldsRefusesNonAdminsAndNeverAnswersTheKey() {
    Projects.Created project = Projects.create("judge-api");
    String read = Projects.key(project.adminKey(), List.of("read"), null)[0];
    Map<String, Object> good = new HashMap<>();
    good.put("name", "tone");
    good.put("dataType", "categorical");
    good.put("categories", List.of("polite", "rude"));
    good.put("template", "Is {{output}} polite or rude?");
    good.put("judgeKind", "anthropic");
    good.put("baseUrl", "http://127.0.0.1:9");
    good.put("model", "sim-judge");
    good.put("apiKey", "sk-never-shown");
    good.put("dailyBudgetUsd", 1);
    good.put("enabled", false);

    Map<String, Map<String, Object>> bad = new java.util.LinkedHashMap<>();
    bad.put("baseUrl", Map.of("baseUrl", "ftp://judge"));
    bad.put("samplingRate", Map.of("samplingRate", 0));
    bad.put("template", Map.of("template", "Rate {{input}}"));
    bad.put("judgeKind", Map.of("judgeKind", "gemini"));
    bad.put("dataType", Map.of("dataType", "text"));
    bad.put("categories[1]", Map.of("categories", List.of("polite", "POLITE")));
    bad.put("filter.user", Map.of("filter", Map.of("user", "u1")));
    bad.put("maxCallsPerMinute", Map.of("maxCallsPerMinute", 0));
    bad.put("dailyBudgetUsd", Map.of("dailyBudgetUsd", -1));
    bad.put("colour", Map.of("colour", "red"));
    for (Map.Entry<String, Map<String, Object>> b : bad.entrySet()) {
      Map<String, Object> body = new HashMap<>(good);
      body.putAll(b.getValue());
      given()
          .auth()
          .oauth2(project.adminKey())
          .contentType(ContentType.JSON)
          .body(body)
          .post("/api/v1/evaluators")
          .then()
          .statusCode(400)
          .body("message", org.hamcrest.Matchers.startsWith(b.getKey() + ":"));
    }
    Map<String, Object> keyless = new HashMap<>(good);
    keyless.remove("apiKey");
    given()
        .auth()
        .oauth2(project.adminKey())
        .contentType(ContentType.JSON)
        .body(keyless)
        .post("/api/v1/evaluators")
        .then()
        .statusCode(400)
        .body("message", org.hamcrest.Matchers.startsWith("apiKey:"));

    given()
        .auth()
        .oauth2(read)
        .contentType(ContentType.JSON)
        .body(good)
        .post("/api/v1/evaluators")
        .then()
        .statusCode(403);
    String created =
        given()
            .auth()
            .oauth2(project.adminKey())
            .contentType(ContentType.JSON)
            .body(good)
            .post("/api/v1/evaluators")
            .then()
            .statusCode(201)
            .extract()
            .asString();
    String id = new JsonPath(created).getString("id");
    assertThat(new JsonPath(created).getBoolean("apiKeySet")).isTrue();
    assertThat(new JsonPath(created).getString("status.paused")).isEqualTo("disabled");

    given()
        .auth()
        .oauth2(read)
        .contentType(ContentType.JSON)
        .body(Map.of("enabled", true))
        .put("/api/v1/evaluators/" + id)
        .then()
        .statusCode(403);
    given().auth().oauth2(read).delete("/api/v1/evaluators/" + id).then().statusCode(403);
    String changed =
        given()
            .auth()
            .oauth2(project.adminKey())
            .contentType(ContentType.JSON)
            .body(Map.of("samplingRate", 0.5, "categories", List.of("polite", "rude", "neutral")))
            .put("/api/v1/evaluators/" + id)
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(new JsonPath(changed).getDouble("samplingRate")).isEqualTo(0.5);
    assertThat(new JsonPath(changed).getList("categories")).hasSize(3);
    assertThat(new JsonPath(changed).getBoolean("apiKeySet")).isTrue();
    given()
        .auth()
        .oauth2(project.adminKey())
        .contentType(ContentType.JSON)
        .body(Map.of("samplingRate", 1.5))
        .put("/api/v1/evaluators/" + id)
        .then()
        .statusCode(400)
        .body("message", org.hamcrest.Matchers.startsWith("samplingRate:"));

    // The key is in no answer: create, change, one, list (read and admin keys).
    String one =
        given()
            .auth()
            .oauth2(read)
            .get("/api/v1/evaluators/" + id)
            .then()
            .statusCode(200)
            .extract()
            .asString();
    String list =
        given()
            .auth()
            .oauth2(read)
            .get("/api/v1/evaluators")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    String adminList =
        given()
            .auth()
            .oauth2(project.adminKey())
            .get("/api/v1/evaluators")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    for (String answer : List.of(created, changed, one, list, adminList)) {
      assertThat(answer).doesNotContain("sk-never-shown").doesNotContain("\"ingestKey\"");
    }
    assertThat(new JsonPath(list).getList("evaluators.id")).containsExactly(id);

    // Hostile text in every text field: stored as given (201) or a 400 naming the field, never a
    // 5xx. The fuzz list's first twelve are its texts (escapes, controls, bidi, markup, sizes); the
    // rest are numbers and dates, no hazard for a text field, and each create also makes a key.
    for (String field : List.of("name", "scoreName", "template", "baseUrl", "model", "apiKey")) {
      for (String value : QueryApiFuzzTest.HOSTILE.subList(0, 12)) {
        Map<String, Object> body = new HashMap<>(good);
        body.put(field, field.equals("template") ? value + " {{output}}" : value);
        io.restassured.response.Response answer =
            given()
                .auth()
                .oauth2(project.adminKey())
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/evaluators");
        assertThat(answer.statusCode()).as(field + "=" + value.length() + " chars").isIn(201, 400);
        if (answer.statusCode() == 400) {
          assertThat(answer.jsonPath().getString("message")).startsWith(field + ":");
        } else {
          String stored = answer.jsonPath().getString("id");
          String readBack =
              given()
                  .auth()
                  .oauth2(read)
                  .get("/api/v1/evaluators/" + stored)
                  .then()
                  .statusCode(200)
                  .extract()
                  .jsonPath()
                  .getString(field.equals("apiKey") ? "id" : field);
          if (!field.equals("apiKey")) {
            assertThat(readBack).isEqualTo(((String) body.get(field)).strip());
          }
          given()
              .auth()
              .oauth2(project.adminKey())
              .delete("/api/v1/evaluators/" + stored)
              .then()
              .statusCode(204);
        }
      }
    }

    // Another project does not see it; deleting it twice: 204, then 404.
    given()
        .auth()
        .oauth2(EmbeddedInfrastructure.API_KEY)
        .get("/api/v1/evaluators/" + id)
        .then()
        .statusCode(404);
    given()
        .auth()
        .oauth2(project.adminKey())
        .delete("/api/v1/evaluators/" + id)
        .then()
        .statusCode(204);
    given()
        .auth()
        .oauth2(project.adminKey())
        .delete("/api/v1/evaluators/" + id)
        .then()
        .statusCode(404);
  }

  private static String run() {
    return UUID.randomUUID().toString().substring(0, 8);
  }

  /** The project's price of sim-judge (USD per million input and output tokens). */
  private static void price(String adminKey, String input, String output) {
    given()
        .auth()
        .oauth2(adminKey)
        .contentType(ContentType.JSON)
        .body(
            "{\"provider\":\"openai\",\"model\":\"sim-judge\",\"input\":"
                + input
                + ",\"output\":"
                + output
                + ",\"effectiveFrom\":\"2024-01-01\"}")
        .put("/api/v1/prices")
        .then()
        .statusCode(200);
  }

  static String createEvaluator(
      String adminKey, String baseUrl, String service, double rate, double budget, int perMinute) {
    Map<String, Object> body = new HashMap<>();
    body.put("name", "helpfulness judge");
    body.put("scoreName", "helpfulness");
    body.put("template", "Rate how helpful {{output}} is for {{input}} ({{model}}).");
    body.put("judgeKind", "openai");
    body.put("baseUrl", baseUrl);
    body.put("model", "sim-judge");
    body.put("apiKey", "sk-judge-secret");
    body.put("filter", Map.of("service", service));
    body.put("samplingRate", rate);
    body.put("dailyBudgetUsd", budget);
    body.put("maxCallsPerMinute", perMinute);
    String answer =
        given()
            .auth()
            .oauth2(adminKey)
            .contentType(ContentType.JSON)
            .body(body)
            .post("/api/v1/evaluators")
            .then()
            .statusCode(201)
            .extract()
            .asString();
    assertThat(answer).doesNotContain("sk-judge-secret");
    return new JsonPath(answer).getString("id");
  }

  static JsonPath evaluator(String key, String id) {
    return new JsonPath(
        given()
            .auth()
            .oauth2(key)
            .get("/api/v1/evaluators/" + id)
            .then()
            .statusCode(200)
            .extract()
            .asString());
  }

  /** {@code n} chat calls of the service, one trace each, sent through the collector: ids. */
  List<String[]> sendCalls(Projects.Created project, String service, int n) {
    String ingest = Projects.key(project.adminKey(), List.of("ingest"), null)[0];
    SdkTracerProvider provider =
        SdkTracerProvider.builder()
            .setResource(
                Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), service)))
            .addSpanProcessor(
                BatchSpanProcessor.builder(Otlp.httpExporter(collector.httpPort(), ingest))
                    .setMaxExportBatchSize(500)
                    .setMaxQueueSize(n + 10)
                    .build())
            .build();
    List<String[]> ids = new ArrayList<>();
    try {
      Tracer tracer = provider.get("judge-test");
      for (int i = 0; i < n; i++) {
        Span call =
            tracer
                .spanBuilder("chat gpt-4o-mini")
                .setNoParent()
                .setSpanKind(SpanKind.CLIENT)
                .setAttribute("gen_ai.operation.name", "chat")
                .setAttribute("gen_ai.provider.name", "openai")
                .setAttribute("gen_ai.request.model", "gpt-4o-mini")
                .setAttribute("gen_ai.usage.input_tokens", 20L)
                .setAttribute("gen_ai.usage.output_tokens", 10L)
                .setAttribute(
                    "gen_ai.input.messages",
                    "[{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"Where is order "
                        + i
                        + "?\"}]}]")
                .setAttribute(
                    "gen_ai.output.messages",
                    "[{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\",\"content\":\"Order "
                        + i
                        + " ships today.\"}],\"finish_reason\":\"stop\"}]")
                .startSpan();
        call.end();
        ids.add(
            new String[] {call.getSpanContext().getTraceId(), call.getSpanContext().getSpanId()});
      }
      assertThat(provider.forceFlush().join(60, TimeUnit.SECONDS).isSuccess()).isTrue();
    } finally {
      provider.shutdown().join(10, TimeUnit.SECONDS);
    }
    return ids;
  }

  List<Score> judgeScores(String project) {
    return storage
        .scoreStore(p -> 30)
        .list(
            project,
            new ScoreQuery(
                null,
                null,
                null,
                ScoreSource.LLM_JUDGE,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                10_000,
                0));
  }
}
