package dev.boxscore.server;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.boxscore.alerting.notify.WebhookSignature;
import dev.boxscore.query.service.alerts.AlertDelivery;
import dev.boxscore.query.service.alerts.EvaluationRound;
import dev.boxscore.storage.clickhouse.ClickHouseStorage;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The alert evaluator driven by the test's clock over stored traffic (written by the real span
 * writer into the real engine), delivering to real HTTP receivers: rules fire at the evaluation the
 * state machine says, resolve when the condition ends, a lone outlier and a control stream never
 * fire, silences hold back delivery but not state, failed deliveries are retried, and a restarted
 * evaluator repeats nothing. Each test has a project of its own.
 */
@QuarkusTest
@TestProfile(ManualAlertClockProfile.class)
class AlertEvaluationTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Inject ClickHouseStorage storage;
  @Inject EvaluationRound round;
  @Inject AlertDelivery delivery;

  private static JsonNode json(String body) {
    try {
      return JSON.readTree(body);
    } catch (Exception e) {
      throw new AssertionError(body, e);
    }
  }

  private static JsonNode post(String key, String path, Object body) {
    return json(
        given()
            .auth()
            .oauth2(key)
            .contentType(ContentType.JSON)
            .body(body)
            .post(path)
            .then()
            .statusCode(201)
            .extract()
            .asString());
  }

  private static JsonNode get(String key, String path, Map<String, String> params) {
    return json(
        given()
            .auth()
            .oauth2(key)
            .queryParams(params)
            .get(path)
            .then()
            .statusCode(200)
            .extract()
            .asString());
  }

  /** A call every 10 s for {@code minutes} from {@code start}. */
  private void traffic(String project, Instant start, int minutes, Consumer<LlmRow> shape) {
    GeneratedCalls.write(storage, project, minutes * 6, start, Duration.ofSeconds(10), shape);
  }

  /** Evaluation rounds and delivery ticks once a minute over (from, to]. */
  private void evaluateEveryMinute(Instant from, Instant to) {
    for (Instant t = from.plusSeconds(60); !t.isAfter(to); t = t.plusSeconds(60)) {
      round.run(t);
      delivery.tick(t);
    }
  }

  private static Map<String, Object> latencyRule(String name, String service, String channel) {
    return Map.of(
        "name",
        name,
        "kind",
        "threshold",
        "filter",
        Map.of("service", service),
        "metric",
        "latency_p95_ms",
        "window",
        "1m",
        "op",
        ">",
        "threshold",
        2000,
        "minCalls",
        3,
        "for",
        "3m",
        "channels",
        channel == null ? List.of() : List.of(channel));
  }

  private static Map<String, Object> webhook(WebhookReceiver receiver) {
    return Map.of(
        "name", "test receiver",
        "type", "webhook",
        "url", receiver.url(),
        "groupWait", "0s",
        "groupInterval", "1s");
  }

  /** The rule's transitions, oldest first, as "to@minute" from {@code t0}. */
  private static List<String> transitions(String key, String ruleId, Instant t0) {
    JsonNode events =
        get(
            key,
            "/api/v1/alerts/events",
            Map.of(
                "rule",
                ruleId,
                "from",
                t0.toString(),
                "to",
                t0.plus(Duration.ofDays(1)).toString(),
                "limit",
                "500"));
    List<String> out = new ArrayList<>();
    for (JsonNode e : events.path("events")) {
      if (e.path("type").asText().equals("transition")) {
        long minute = Duration.between(t0, Instant.parse(e.path("at").asText())).toMinutes();
        out.add(0, e.path("to").asText() + "@" + minute);
      }
    }
    return out;
  }

  @Test
  void aThresholdRuleFiresAfterForResolvesIgnoresAnOutlierAndIsDeliveredOnceEachAfterFailures()
      throws Exception {
    Projects.Created p = Projects.create("alerts threshold");
    Instant t0 = Instant.parse("2025-03-03T10:00:00Z");
    // checkout: slow in minutes 20..39, one slow call in minute 60; control: never slow.
    traffic(
        p.id(),
        t0,
        90,
        r -> {
          long minute = Duration.between(t0, r.start).toMinutes();
          r.service = "checkout";
          r.durationMs = minute >= 20 && minute < 40 ? 3000 : 100;
          if (r.start.equals(t0.plus(Duration.ofMinutes(60)))) {
            r.durationMs = 5000;
          }
        });
    traffic(
        p.id(),
        t0,
        90,
        r -> {
          r.service = "control";
          r.durationMs = 100;
        });
    try (WebhookReceiver receiver = new WebhookReceiver(2)) {
      JsonNode channel = post(p.adminKey(), "/api/v1/alerts/channels", webhook(receiver));
      String secret = channel.path("secret").asText();
      assertThat(secret).isNotBlank();
      String checkout =
          post(
                  p.adminKey(),
                  "/api/v1/alerts/rules",
                  latencyRule("checkout slow", "checkout", channel.path("id").asText()))
              .path("id")
              .asText();
      String control =
          post(
                  p.adminKey(),
                  "/api/v1/alerts/rules",
                  latencyRule("control slow", "control", channel.path("id").asText()))
              .path("id")
              .asText();

      evaluateEveryMinute(t0, t0.plus(Duration.ofMinutes(90)));

      // Window [m-1, m): slow from the evaluation at 21 on; `for` 3m fires it at 24; the first
      // fast window (evaluation 41) resolves it. The outlier makes evaluation 61 pending only.
      assertThat(transitions(p.adminKey(), checkout, t0))
          .containsExactly("pending@21", "firing@24", "resolved@41", "pending@61", "inactive@62");
      assertThat(transitions(p.adminKey(), control, t0)).isEmpty();

      Instant later = t0.plus(Duration.ofMinutes(120));
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                delivery.tick(later);
                assertThat(receiver.delivered()).hasSize(2);
              });
      // Ticks well past every timer send nothing more: one trigger, one resolve.
      for (int i = 1; i <= 5; i++) {
        delivery.tick(later.plus(Duration.ofMinutes(10L * i)));
      }
      assertThat(receiver.delivered()).hasSize(2);
      assertThat(receiver.all()).hasSize(4); // two 500s, retried
      List<WebhookReceiver.Received> ok = receiver.delivered();
      for (WebhookReceiver.Received r : receiver.all()) {
        assertThat(WebhookSignature.verify(secret, r.body(), r.header(WebhookSignature.HEADER)))
            .as("HMAC of every request")
            .isTrue();
      }
      JsonNode fired = ok.get(0).json();
      JsonNode resolved = ok.get(1).json();
      assertThat(fired.path("version").asText()).isEqualTo("4");
      assertThat(fired.path("status").asText()).isEqualTo("firing");
      assertThat(fired.path("alerts")).hasSize(1);
      JsonNode alert = fired.path("alerts").get(0);
      assertThat(alert.path("labels").path("alertname").asText()).isEqualTo("checkout slow");
      assertThat(alert.path("labels").path("rule_id").asText()).isEqualTo(checkout);
      assertThat(alert.path("values").path("threshold").asText()).isEqualTo("2000");
      assertThat(alert.path("values").path("window").asText()).isEqualTo("1m");
      assertThat(alert.path("values").path("value").asDouble()).isGreaterThan(2000);
      assertThat(alert.path("generatorURL").asText()).contains("/#/traces?service=checkout");
      assertThat(resolved.path("status").asText()).isEqualTo("resolved");
      assertThat(resolved.path("alerts").get(0).path("fingerprint").asText())
          .isEqualTo(alert.path("fingerprint").asText());

      // Every attempt is in the history (at the wall-clock time it was made): two failures, then
      // the delivery.
      JsonNode events =
          get(
              p.adminKey(),
              "/api/v1/alerts/events",
              Map.of(
                  "rule",
                  checkout,
                  "from",
                  Instant.now().minus(Duration.ofHours(1)).toString(),
                  "limit",
                  "500"));
      List<String> attempts = new ArrayList<>();
      for (JsonNode e : events.path("events")) {
        if (e.path("type").asText().equals("delivery")) {
          attempts.add(
              0,
              e.path("notification").asText()
                  + ":"
                  + e.path("attempt").asInt()
                  + ":"
                  + e.path("status").asText());
        }
      }
      assertThat(attempts)
          .containsExactly("firing:1:failed", "firing:2:failed", "firing:3:ok", "resolved:1:ok");
    }
  }

  @Test
  void aSilenceHoldsBackDeliveryButNotState() throws Exception {
    Projects.Created p = Projects.create("alerts silence");
    Instant t0 = Instant.parse("2025-03-04T10:00:00Z");
    traffic(
        p.id(),
        t0,
        10,
        r -> {
          r.service = "slow";
          r.durationMs = 3000;
        });
    try (WebhookReceiver receiver = new WebhookReceiver(0)) {
      String channel =
          post(p.adminKey(), "/api/v1/alerts/channels", webhook(receiver)).path("id").asText();
      post(p.adminKey(), "/api/v1/alerts/rules", latencyRule("silenced rule", "slow", channel));
      post(p.adminKey(), "/api/v1/alerts/rules", latencyRule("loud rule", "slow", channel));
      post(
          p.adminKey(),
          "/api/v1/alerts/silences",
          Map.of(
              "matchers", List.of(Map.of("name", "alertname", "value", "silenced rule")),
              "startsAt", t0.toString(),
              "endsAt", Instant.now().plus(Duration.ofHours(1)).toString(),
              "comment", "test"));

      evaluateEveryMinute(t0, t0.plus(Duration.ofMinutes(8)));
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                delivery.tick(t0.plus(Duration.ofMinutes(9)));
                assertThat(receiver.delivered()).isNotEmpty();
              });
      for (WebhookReceiver.Received r : receiver.all()) {
        for (JsonNode a : r.json().path("alerts")) {
          assertThat(a.path("labels").path("alertname").asText()).isEqualTo("loud rule");
        }
      }
      JsonNode alerts = get(p.adminKey(), "/api/v1/alerts", Map.of("state", "firing"));
      assertThat(alerts.path("alerts")).hasSize(2);
      for (JsonNode a : alerts.path("alerts")) {
        assertThat(a.path("silenced").asBoolean())
            .isEqualTo(a.path("ruleName").asText().equals("silenced rule"));
      }
    }
  }

  @Test
  void aRestartedEvaluatorRepeatsNoTriggerAndStillSendsTheResolve() throws Exception {
    Projects.Created p = Projects.create("alerts restart");
    Instant t0 = Instant.parse("2025-03-05T10:00:00Z");
    traffic(
        p.id(),
        t0,
        40,
        r -> {
          r.service = "flaky";
          r.durationMs = Duration.between(t0, r.start).toMinutes() < 20 ? 3000 : 100;
        });
    try (WebhookReceiver receiver = new WebhookReceiver(0)) {
      String channel =
          post(p.adminKey(), "/api/v1/alerts/channels", webhook(receiver)).path("id").asText();
      post(p.adminKey(), "/api/v1/alerts/rules", latencyRule("flaky slow", "flaky", channel));

      evaluateEveryMinute(t0, t0.plus(Duration.ofMinutes(10)));
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                delivery.tick(t0.plus(Duration.ofMinutes(10)));
                assertThat(receiver.delivered()).hasSize(1);
              });

      // A new evaluator: its dispatcher knows only the stored notification log.
      delivery.restart();
      round.forget();
      evaluateEveryMinute(t0.plus(Duration.ofMinutes(10)), t0.plus(Duration.ofMinutes(30)));
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                delivery.tick(t0.plus(Duration.ofMinutes(31)));
                assertThat(receiver.delivered()).hasSize(2);
              });
      assertThat(receiver.delivered().get(0).json().path("status").asText()).isEqualTo("firing");
      assertThat(receiver.delivered().get(1).json().path("status").asText()).isEqualTo("resolved");
    }
  }

  @Test
  void aSwapRuleFiresAtTheSwapWithWhatChangedAndResolvesAfterItsWindow() {
    Projects.Created p = Projects.create("alerts swap");
    Instant t0 = Instant.parse("2025-03-06T10:00:00Z");
    traffic(
        p.id(),
        t0,
        60,
        r -> {
          boolean after = !r.start.isBefore(t0.plus(Duration.ofMinutes(20)));
          r.requestModel = "gpt-4o";
          r.responseModel = after ? "gpt-4o-2025-02-01" : "gpt-4o-2024-08-06";
          r.input = 100;
          r.output = after ? 90 : 50;
        });
    String rule =
        post(
                p.adminKey(),
                "/api/v1/alerts/rules",
                Map.of("name", "model swapped", "kind", "swap", "window", "15m"))
            .path("id")
            .asText();
    evaluateEveryMinute(t0, t0.plus(Duration.ofMinutes(25)));
    JsonNode firing = get(p.adminKey(), "/api/v1/alerts", Map.of("state", "firing"));
    assertThat(firing.path("alerts")).hasSize(1);
    JsonNode a = firing.path("alerts").get(0);
    assertThat(a.path("group").path("model").asText()).isEqualTo("gpt-4o");
    assertThat(a.path("values").path("from_model").asText()).isEqualTo("gpt-4o-2024-08-06");
    assertThat(a.path("values").path("to_model").asText()).isEqualTo("gpt-4o-2025-02-01");
    assertThat(a.path("values").path("after_output_tokens_per_call").asText()).isEqualTo("90");
    evaluateEveryMinute(t0.plus(Duration.ofMinutes(25)), t0.plus(Duration.ofMinutes(40)));
    // The swap at minute 20 is seen from the evaluation at 21; it leaves the 15-minute window at
    // 36.
    assertThat(transitions(p.adminKey(), rule, t0)).containsExactly("firing@21", "resolved@36");
  }

  @Test
  void aDriftRuleFiresOnTheModelWhoseLatencyDriftedAndNotOnTheSteadyOne() {
    Projects.Created p = Projects.create("alerts drift");
    Instant today = Instant.parse("2025-03-10T10:00:00Z");
    // 10:00-11:00 on today and the 7 days before: gpt-4o twice as slow today, gpt-4.1 steady.
    for (int day = 0; day <= 7; day++) {
      Instant start = today.minus(Duration.ofDays(day));
      boolean current = day == 0;
      GeneratedCalls.write(
          storage,
          p.id(),
          120,
          start,
          Duration.ofSeconds(30),
          r -> {
            int i = (int) (Duration.between(start, r.start).toSeconds() / 30);
            r.requestModel = i % 2 == 0 ? "gpt-4o" : "gpt-4.1";
            double base = 100 + (i * 7) % 40;
            r.durationMs = current && r.requestModel.equals("gpt-4o") ? base * 2 : base;
          });
    }
    String rule =
        post(
                p.adminKey(),
                "/api/v1/alerts/rules",
                Map.of(
                    "name",
                    "latency drift",
                    "kind",
                    "drift",
                    "metric",
                    "latency_p95_ms",
                    "window",
                    "1h",
                    "groupBy",
                    List.of("model"),
                    "baselineDays",
                    7,
                    "alpha",
                    0.01,
                    "minChange",
                    0.3))
            .path("id")
            .asText();
    round.run(today.plus(Duration.ofHours(1)));
    JsonNode alerts = get(p.adminKey(), "/api/v1/alerts", Map.of());
    JsonNode firing = null;
    for (JsonNode a : alerts.path("alerts")) {
      assertThat(a.path("ruleId").asText()).isEqualTo(rule);
      if (a.path("state").asText().equals("firing")) {
        assertThat(firing).as("one firing alert").isNull();
        firing = a;
      }
    }
    assertThat(firing).isNotNull();
    assertThat(firing.path("group").path("model").asText()).isEqualTo("gpt-4o");
    JsonNode v = firing.path("values");
    assertThat(v.path("change").asDouble()).isBetween(0.8, 1.2);
    assertThat(Double.parseDouble(v.path("p_value").asText())).isLessThan(0.01);
    assertThat(v.path("baseline_samples").asInt()).isEqualTo(420);
    assertThat(v.path("current_samples").asInt()).isEqualTo(60);
  }

  @Test
  void aBudgetRuleWarnsAheadWhenTheRateWillCrossTheBudget() {
    Projects.Created p = Projects.create("alerts budget");
    Instant day = Instant.parse("2025-03-07T00:00:00Z");
    // A priced call a minute from midnight to noon.
    GeneratedCalls.write(
        storage,
        p.id(),
        720,
        day,
        Duration.ofMinutes(1),
        r -> {
          r.requestModel = "gpt-4o";
          r.input = 1000;
          r.output = 1000;
        });
    Instant noon = day.plus(Duration.ofHours(12));
    JsonNode spentRow =
        get(
                p.adminKey(),
                "/api/v1/metrics",
                Map.of(
                    "from",
                    day.toString(),
                    "to",
                    noon.toString(),
                    "bucket",
                    "1d",
                    "fields",
                    "usage"))
            .path("rows")
            .get(0);
    double spent = spentRow.path("cost").path("usd").asDouble();
    assertThat(spent).isPositive();
    // The budget is 4/3 of the morning's spend: 75 % at noon (no warning), crossed at 16:00.
    double budget = spent * 4 / 3;
    post(
        p.adminKey(),
        "/api/v1/alerts/rules",
        Map.of(
            "name", "daily budget",
            "kind", "budget",
            "period", "day",
            "timeZone", "UTC",
            "amountUsd", budget,
            "warnAtPercent", 80));
    round.run(noon);
    JsonNode firing = get(p.adminKey(), "/api/v1/alerts", Map.of("state", "firing"));
    assertThat(firing.path("alerts")).hasSize(1);
    JsonNode a = firing.path("alerts").get(0);
    assertThat(a.path("group").path("level").asText()).isEqualTo("forecast");
    assertThat(a.path("severity").asText()).isEqualTo("warning");
    Instant crosses = Instant.parse(a.path("values").path("forecast_date").asText());
    assertThat(Duration.between(day.plus(Duration.ofHours(16)), crosses).abs())
        .isLessThan(Duration.ofMinutes(5));
    assertThat(a.path("values").path("percent").asDouble()).isBetween(74.0, 76.0);
  }

  @Test
  void rulesAreValidatedScopedToTheirProjectAndChangedOnlyByAdmins() {
    Projects.Created p = Projects.create("alerts api");
    Projects.Created other = Projects.create("alerts api other");
    String readKey = Projects.key(p.adminKey(), List.of("read"), null)[0];
    given()
        .auth()
        .oauth2(p.adminKey())
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "name",
                "x",
                "kind",
                "threshold",
                "metric",
                "latency_p95_ms",
                "window",
                "5 minutes",
                "threshold",
                1))
        .post("/api/v1/alerts/rules")
        .then()
        .statusCode(400)
        .body("message", org.hamcrest.Matchers.startsWith("window: "));
    given()
        .auth()
        .oauth2(p.adminKey())
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "name",
                "x",
                "kind",
                "threshold",
                "metric",
                "latency_p95_ms",
                "threshold",
                1,
                "channels",
                List.of("chn_nothere")))
        .post("/api/v1/alerts/rules")
        .then()
        .statusCode(400)
        .body("message", org.hamcrest.Matchers.startsWith("channels[0]: "));
    given()
        .auth()
        .oauth2(p.adminKey())
        .contentType(ContentType.JSON)
        .body("[1,2]")
        .post("/api/v1/alerts/rules")
        .then()
        .statusCode(400);
    Map<String, Object> valid =
        Map.of("name", "ok", "kind", "threshold", "metric", "error_rate", "threshold", 0.05);
    given()
        .auth()
        .oauth2(readKey)
        .contentType(ContentType.JSON)
        .body(valid)
        .post("/api/v1/alerts/rules")
        .then()
        .statusCode(403);
    String id = post(p.adminKey(), "/api/v1/alerts/rules", valid).path("id").asText();
    // Duplicate input is a second rule with its own id, not an error or an overwrite.
    assertThat(post(p.adminKey(), "/api/v1/alerts/rules", valid).path("id").asText())
        .isNotEqualTo(id);
    given().auth().oauth2(readKey).get("/api/v1/alerts/rules/" + id).then().statusCode(200);
    given()
        .auth()
        .oauth2(other.adminKey())
        .get("/api/v1/alerts/rules/" + id)
        .then()
        .statusCode(404);
    given()
        .auth()
        .oauth2(other.adminKey())
        .delete("/api/v1/alerts/rules/" + id)
        .then()
        .statusCode(404);
    assertThat(get(other.adminKey(), "/api/v1/alerts/rules", Map.of()).path("rules")).isEmpty();
    given().get("/api/v1/alerts/rules").then().statusCode(401);
    // What GET answers can be PUT back.
    String got =
        given()
            .auth()
            .oauth2(p.adminKey())
            .get("/api/v1/alerts/rules/" + id)
            .then()
            .statusCode(200)
            .extract()
            .asString();
    JsonNode put =
        json(
            given()
                .auth()
                .oauth2(p.adminKey())
                .contentType(ContentType.JSON)
                .body(got)
                .put("/api/v1/alerts/rules/" + id)
                .then()
                .statusCode(200)
                .extract()
                .asString());
    assertThat(put.path("version").asInt()).isEqualTo(2);
    given().auth().oauth2(p.adminKey()).delete("/api/v1/alerts/rules/" + id).then().statusCode(204);
    given().auth().oauth2(p.adminKey()).get("/api/v1/alerts/rules/" + id).then().statusCode(404);
  }
}
