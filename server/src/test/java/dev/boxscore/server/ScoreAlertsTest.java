package dev.boxscore.server;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.boxscore.alerting.notify.WebhookSignature;
import dev.boxscore.query.service.alerts.AlertDelivery;
import dev.boxscore.query.service.alerts.EvaluationRound;
import dev.boxscore.server.ScoredCalls.Value;
import dev.boxscore.storage.clickhouse.ClickHouseStorage;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Score rules driven by the test's clock over stored calls and their scores (the real span writer
 * and score store, the real engine): a threshold on a score's average fires through a real webhook
 * receiver and resolves when the score recovers; a drift rule on a score fires on the service whose
 * new prompt version lowered it and not on the control; bad score rules are refused naming the
 * field. Each test has a project of its own.
 */
@QuarkusTest
@TestProfile(ManualAlertClockProfile.class)
class ScoreAlertsTest {
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

  private static Map<String, Object> helpfulnessBelow(String service, String channel) {
    Map<String, Object> rule = new HashMap<>();
    rule.put("name", "helpfulness low");
    rule.put("kind", "threshold");
    rule.put("filter", Map.of("service", service));
    rule.put("metric", "score_avg");
    rule.put("score", "helpfulness");
    rule.put("window", "5m");
    rule.put("op", "<");
    rule.put("threshold", 0.7);
    rule.put("minCalls", 10);
    rule.put("channels", List.of(channel));
    return rule;
  }

  @Test
  void aScoreAverageRuleFiresThroughAWebhookAndResolvesWhenTheScoreRecovers() throws Exception {
    Projects.Created p = Projects.create("score alerts threshold");
    Instant t0 = Instant.parse("2025-04-07T10:00:00Z");
    // A call every 10 s for 60 minutes, each with a helpfulness score: 0.9, but 0.5 in minutes
    // 20..29. The control is always 0.5 but with too few scores (one every 2 minutes) to judge.
    ScoredCalls.write(
        storage,
        p.id(),
        360,
        t0,
        Duration.ofSeconds(10),
        r -> r.service = "support",
        r -> {
          long minute = Duration.between(t0, r.start).toMinutes();
          return List.of(
              Value.numeric("helpfulness", minute >= 20 && minute < 30 ? 0.5 : 0.9),
              Value.numeric("other", 0.1));
        });
    ScoredCalls.write(
        storage,
        p.id(),
        30,
        t0,
        Duration.ofMinutes(2),
        r -> r.service = "sparse",
        r -> List.of(Value.numeric("helpfulness", 0.5)));
    try (WebhookReceiver receiver = new WebhookReceiver(0)) {
      JsonNode channel =
          post(
              p.adminKey(),
              "/api/v1/alerts/channels",
              Map.of(
                  "name",
                  "scores",
                  "type",
                  "webhook",
                  "url",
                  receiver.url(),
                  "groupWait",
                  "0s",
                  "groupInterval",
                  "1s"));
      String channelId = channel.path("id").asText();
      JsonNode created =
          post(p.adminKey(), "/api/v1/alerts/rules", helpfulnessBelow("support", channelId));
      assertThat(created.path("score").asText()).isEqualTo("helpfulness");
      String rule = created.path("id").asText();
      String sparse =
          post(p.adminKey(), "/api/v1/alerts/rules", helpfulnessBelow("sparse", channelId))
              .path("id")
              .asText();

      for (Instant t = t0.plusSeconds(60); !t.isAfter(t0.plus(Duration.ofMinutes(60))); ) {
        round.run(t);
        delivery.tick(t);
        t = t.plusSeconds(60);
      }

      // Window [m-5, m): the first evaluation has 6 scores, fewer than the 10 asked for (no
      // data). The average falls below 0.7 once more than 2 of its minutes are low (evaluation
      // 23) and rises above it once fewer than 3 are (evaluation 33).
      assertThat(transitions(p.adminKey(), rule, t0))
          .containsExactly("no_data@1", "inactive@2", "firing@23", "resolved@33");
      // 2 or 3 scores per window: no data, never a firing.
      assertThat(transitions(p.adminKey(), sparse, t0))
          .allSatisfy(t -> assertThat(t).doesNotStartWith("firing"));

      Instant later = t0.plus(Duration.ofMinutes(90));
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                delivery.tick(later);
                assertThat(receiver.delivered()).hasSize(2);
              });
      for (WebhookReceiver.Received r : receiver.all()) {
        assertThat(
                WebhookSignature.verify(
                    channel.path("secret").asText(), r.body(), r.header(WebhookSignature.HEADER)))
            .isTrue();
      }
      JsonNode fired = receiver.delivered().get(0).json();
      assertThat(fired.path("status").asText()).isEqualTo("firing");
      JsonNode alert = fired.path("alerts").get(0);
      assertThat(alert.path("labels").path("alertname").asText()).isEqualTo("helpfulness low");
      JsonNode values = alert.path("values");
      assertThat(values.path("metric").asText()).isEqualTo("score_avg");
      assertThat(values.path("score").asText()).isEqualTo("helpfulness");
      assertThat(values.path("scores").asInt()).isEqualTo(30);
      assertThat(values.path("value").asDouble()).isBetween(0.5, 0.7);
      assertThat(alert.path("annotations").path("summary").asText())
          .contains("helpfulness average")
          .contains("30 scores");
      JsonNode resolved = receiver.delivered().get(1).json();
      assertThat(resolved.path("status").asText()).isEqualTo("resolved");

      // The backtest replays the same firing from the stored scores.
      JsonNode backtest =
          json(
              given()
                  .auth()
                  .oauth2(p.adminKey())
                  .queryParam("from", t0.toString())
                  .queryParam("to", t0.plus(Duration.ofMinutes(60)).toString())
                  .post("/api/v1/alerts/rules/" + rule + "/backtest")
                  .then()
                  .statusCode(200)
                  .extract()
                  .asString());
      assertThat(backtest.path("fired").asInt()).as(backtest.toString()).isEqualTo(1);
      assertThat(backtest.path("series").get(0).path("points")).hasSize(12);
    }
  }

  @Test
  void aScoreDriftRuleFiresOnTheServiceWhosePromptVersionLoweredItAndNotOnTheControl() {
    Projects.Created p = Projects.create("score alerts drift");
    Instant today = Instant.parse("2025-04-14T10:00:00Z");
    Random random = new Random(42);
    // 10:00-11:00 today and the 7 days before, 100 calls an hour per service: today "support"
    // answers with prompt v2, whose helpfulness is 10 % lower; "control" moved to v2 unharmed.
    List<LlmRow> calls = new ArrayList<>();
    for (int day = 0; day <= 7; day++) {
      for (String service : List.of("support", "control")) {
        for (int i = 0; i < 100; i++) {
          LlmRow r = new LlmRow(p.id(), today.minus(Duration.ofDays(day)).plusSeconds(i * 36L));
          r.service = service;
          r.promptVersion = day == 0 ? "v2" : "v1";
          calls.add(r);
        }
      }
    }
    ScoredCalls.write(
        storage,
        p.id(),
        calls,
        r -> {
          double factor = r.service.equals("support") && r.promptVersion.equals("v2") ? 0.9 : 1;
          double h =
              Math.max(
                  0, Math.min(1, Math.round((0.8 + 0.15 * random.nextGaussian()) * 10) / 10.0));
          return List.of(Value.numeric("helpfulness", h * factor));
        });
    Map<String, Object> rule = new HashMap<>();
    rule.put("name", "helpfulness dropped");
    rule.put("kind", "drift");
    rule.put("metric", "score_avg");
    rule.put("score", "helpfulness");
    rule.put("op", "<");
    rule.put("window", "1h");
    rule.put("groupBy", List.of("service"));
    rule.put("minChange", 0.05);
    String id = post(p.adminKey(), "/api/v1/alerts/rules", rule).path("id").asText();
    // The same rule asking for a rise: a drop is not what it watches.
    rule.put("name", "helpfulness rose");
    rule.put("op", ">");
    String rise = post(p.adminKey(), "/api/v1/alerts/rules", rule).path("id").asText();

    round.run(today.plus(Duration.ofHours(1)));

    Map<String, String> states = new HashMap<>();
    JsonNode firing = null;
    for (JsonNode a : get(p.adminKey(), "/api/v1/alerts", Map.of()).path("alerts")) {
      String group = a.path("group").path("service").asText();
      states.put(a.path("ruleId").asText() + "/" + group, a.path("state").asText());
      if (a.path("state").asText().equals("firing")) {
        firing = a;
      }
    }
    assertThat(states)
        .as(states.toString())
        .containsEntry(id + "/support", "firing")
        .doesNotContainEntry(id + "/control", "firing")
        .doesNotContainEntry(rise + "/support", "firing")
        .doesNotContainEntry(rise + "/control", "firing");
    JsonNode v = firing.path("values");
    assertThat(v.path("metric").asText()).isEqualTo("score:helpfulness");
    assertThat(v.path("change").asDouble()).isBetween(-0.15, -0.05);
    assertThat(Double.parseDouble(v.path("p_value").asText())).isLessThan(0.01);
    assertThat(v.path("baseline_samples").asInt()).isEqualTo(700);
    assertThat(v.path("current_samples").asInt()).isEqualTo(100);
  }

  /** A rule the API refuses with 400 and a message naming the field. */
  private static void refused(String key, Map<String, Object> body, String messageStart) {
    given()
        .auth()
        .oauth2(key)
        .contentType(ContentType.JSON)
        .body(body)
        .post("/api/v1/alerts/rules")
        .then()
        .statusCode(400)
        .body("message", org.hamcrest.Matchers.startsWith(messageStart));
  }

  @Test
  void badScoreRulesAreRefusedNamingTheField() {
    Projects.Created p = Projects.create("score alerts validation");
    String key = p.adminKey();
    refused(
        key,
        Map.of("name", "x", "kind", "threshold", "metric", "score_avg", "threshold", 0.7),
        "score: required for metric score_avg");
    refused(
        key,
        Map.of(
            "name",
            "x",
            "kind",
            "threshold",
            "metric",
            "score_p50",
            "score",
            "helpfulness",
            "threshold",
            0.7),
        "metric: unknown score metric \"score_p50\"");
    refused(
        key,
        Map.of(
            "name",
            "x",
            "kind",
            "threshold",
            "metric",
            "calls",
            "score",
            "helpfulness",
            "threshold",
            1),
        "score: only for score metrics");
    refused(
        key,
        Map.of("name", "x", "kind", "drift", "metric", "score_avg", "score", " "),
        "score: must not be blank");
    refused(
        key,
        Map.of("name", "x", "kind", "budget", "amountUsd", 5, "score", "helpfulness"),
        "score: only for threshold and drift rules");
    // The unsaved rule's backtest is validated the same way.
    given()
        .auth()
        .oauth2(key)
        .contentType(ContentType.JSON)
        .body(Map.of("name", "x", "kind", "threshold", "metric", "score_avg", "threshold", 0.7))
        .queryParam("from", "2025-04-07T10:00:00Z")
        .queryParam("to", "2025-04-07T11:00:00Z")
        .post("/api/v1/alerts/rules/backtest")
        .then()
        .statusCode(400)
        .body("message", org.hamcrest.Matchers.startsWith("score: required"));
  }
}
