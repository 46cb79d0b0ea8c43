package dev.boxscore.server;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.boxscore.alerting.notify.WebhookSignature;
import dev.boxscore.collector.CollectorRole;
import dev.boxscore.query.service.alerts.AlertScheduler;
import dev.boxscore.simulator.ModelSwap;
import dev.boxscore.simulator.ProviderSimulator;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Alerts end to end, in real time: the application as it runs by default (the wall-clock evaluator
 * elected through Kafka), the demo service in a child JVM under the real OpenTelemetry agent and
 * the Boxscore extension, and a provider simulator that silently swaps the model the demo asks for
 * mid-run. The swap rule's webhook gets the Alertmanager-format notification (signed with the
 * channel's secret) within two minutes of the first call the swapped model answered; a budget set
 * from the spend so far gets its forecast warning; and a burst of failing calls trips an error-rate
 * rule, timed from the collector's answer to the export to the webhook's receipt.
 */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedInfrastructure.class, restrictToAnnotatedClass = false)
class AlertsEndToEndTest {
  private static final String REQUESTED = "gpt-4o-mini";
  private static final String BEFORE = "gpt-4o-mini-2024-07-18";
  private static final String AFTER = "gpt-4o-mini-2025-04-14";
  private static final Duration INTERVAL = Duration.ofSeconds(30);

  @Inject CollectorRole collector;
  @Inject AlertScheduler scheduler;

  @Test
  void aSilentSwapABudgetForecastAndAnErrorBurstAreNotifiedInRealTime() throws Exception {
    // This process must be the evaluator: it is the only member of the election group.
    await().atMost(Duration.ofSeconds(60)).until(scheduler::evaluating);

    Projects.Created p = Projects.create("alerts end to end");
    String key = p.adminKey();
    String service = "alerts-e2e-" + UUID.randomUUID();
    String burstService = "alerts-burst-" + UUID.randomUUID();
    try (AlertTrips.Hook hook = new AlertTrips.Hook(key, "0s")) {
      String swapRule =
          hook.rule(
              Map.of(
                  "name",
                  "model swapped",
                  "kind",
                  "swap",
                  "window",
                  "10m",
                  "interval",
                  "30s",
                  "severity",
                  "critical"));
      String burstRule = hook.rule(AlertTrips.errorRateRule("burst errors", burstService, "30s"));

      // The simulator's time-based swap, on a clock the test moves a day forward once the demo
      // has called for 45 s and into a later minute than its first call (swap detection works
      // per minute: the swapped model must first answer in a later minute than the first one).
      JumpClock clock = new JumpClock();
      try (ProviderSimulator sim =
              ProviderSimulator.builder()
                  .clock(clock)
                  .modelSwap(ModelSwap.afterTime(REQUESTED, AFTER, JumpClock.JUMP))
                  .start();
          DemoProcess demo =
              new DemoProcess(service, sim.baseUrl(), collector.httpPort(), key, "250ms")) {
        Instant t0 = Instant.now();
        Instant firstTraffic = awaitFirstTraffic(key, service, demo);

        // An error burst trips the threshold rule.
        Instant exported = AlertTrips.burst(collector.httpPort(), key, burstService, 10);
        Instant burstNotified = AlertTrips.awaitFiring(hook, "burst errors", Duration.ofMinutes(3));
        AlertTrips.Delivered burst = hook.firing("burst errors", Map.of()).orElseThrow();
        assertThat(burst.alert().path("labels").path("rule_id").asText()).isEqualTo(burstRule);
        // The burst's calls are one trace each: an evaluation may see part of them (at least 5).
        assertThat(burst.alert().path("values").path("calls").asInt()).isBetween(5, 10);
        verifySigned(hook, burst);

        // The swap, mid-run: notified within two minutes of the first call the swapped model
        // answered.
        Instant swapAt =
            latest(
                firstTraffic.plusSeconds(45),
                firstTraffic.truncatedTo(ChronoUnit.MINUTES).plusSeconds(62));
        long early = Duration.between(Instant.now(), swapAt).toMillis();
        if (early > 0) {
          Thread.sleep(early); // the swap's schedule, not a wait for an outcome
        }
        clock.jump();
        Instant jumped = Instant.now();
        AlertTrips.Delivered swap =
            await()
                .atMost(Duration.ofMinutes(4))
                .pollInterval(Duration.ofMillis(200))
                .until(
                    () -> hook.firing("model swapped", Map.of("model", REQUESTED)).orElse(null),
                    d -> d != null);
        Instant swapped = firstSwappedCallEnd(key, service, t0);
        assertThat(swapped).isAfterOrEqualTo(jumped.minusSeconds(1));
        assertThat(swapped.truncatedTo(ChronoUnit.MINUTES))
            .isAfter(firstTraffic.truncatedTo(ChronoUnit.MINUTES));
        Duration swapDelay = Duration.between(swapped, swap.request().at());
        assertThat(swapDelay).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(2));
        assertAlertmanagerFormat(swap.body(), "model swapped");
        JsonNode labels = swap.alert().path("labels");
        assertThat(labels.path("rule_id").asText()).isEqualTo(swapRule);
        assertThat(labels.path("kind").asText()).isEqualTo("swap");
        assertThat(labels.path("severity").asText()).isEqualTo("critical");
        JsonNode values = swap.alert().path("values");
        assertThat(values.path("request_model").asText()).isEqualTo(REQUESTED);
        assertThat(values.path("from_model").asText()).isEqualTo(BEFORE);
        assertThat(values.path("to_model").asText()).isEqualTo(AFTER);
        assertThat(values.path("swap_kind").asText()).isEqualTo("response_model");
        assertThat(values.path("after_calls").asLong()).isPositive();
        verifySigned(hook, swap);
        assertThat(firing(key, swapRule))
            .singleElement()
            .satisfies(
                a -> assertThat(a.path("group").path("model").asText()).isEqualTo(REQUESTED));

        System.out.printf(
            "ALERTS E2E: demo's first call %s, swap switched on %s, first call answered by %s"
                + " ended %s, notified %s: %.1f s after the swap (rule interval %ds, limit 120 s)%n",
            firstTraffic,
            jumped,
            AFTER,
            swapped,
            swap.request().at(),
            AlertTrips.seconds(swapDelay),
            INTERVAL.toSeconds());
        System.out.printf(
            "ALERTS E2E: error burst: collector answered the export %s, notified %s: %.1f s"
                + " (target: interval + 10 s = %ds)%n",
            exported,
            burstNotified,
            AlertTrips.seconds(Duration.between(exported, burstNotified)),
            INTERVAL.toSeconds() + 10);
        // A daily budget three times the spend so far, in a time zone where it is now 02:xx: 33 %
        // spent (no warning at 80 %), but the day's rate crosses it around 06:00 to 09:00.
        BudgetCheck budget = budget(key, hook);
        System.out.printf(
            "ALERTS E2E: budget %s USD in %s (spent %s USD when set): forecast warning notified"
                + " %.1f s after the rule was created, forecast_date %s%n",
            budget.amount,
            budget.zone,
            budget.spent,
            AlertTrips.seconds(Duration.between(budget.created, budget.notified)),
            budget.forecastDate);
        assertThat(Duration.between(exported, burstNotified))
            .as("error burst notification latency")
            .isPositive()
            .isLessThanOrEqualTo(INTERVAL.multipliedBy(2));
        assertThat(demo.alive()).as(demo.output()).isTrue();
      }
    }
  }

  private static Instant latest(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  /**
   * The wall clock, which the test moves a day forward once: the simulator's swap after a day since
   * it started then happens at that moment, whenever the demo (slow to start on a busy machine)
   * began calling.
   */
  private static final class JumpClock extends Clock {
    static final Duration JUMP = Duration.ofDays(1);
    private volatile Duration offset = Duration.ZERO;

    void jump() {
      offset = JUMP;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return Instant.now().plus(offset);
    }
  }

  private record BudgetCheck(
      BigDecimal amount,
      ZoneOffset zone,
      BigDecimal spent,
      Instant created,
      Instant notified,
      Instant forecastDate) {}

  private static BudgetCheck budget(String key, AlertTrips.Hook hook) {
    Instant now = Instant.now();
    int offset = Math.floorMod(2 - now.atZone(ZoneOffset.UTC).getHour(), 24);
    ZoneOffset zone = ZoneOffset.ofHours(offset > 12 ? offset - 24 : offset);
    Instant periodStart = now.atZone(zone).truncatedTo(ChronoUnit.DAYS).toInstant();
    Instant periodEnd = periodStart.plus(Duration.ofDays(1));
    BigDecimal spent = BigDecimal.ZERO;
    for (JsonNode row :
        AlertTrips.get(
                key,
                "/api/v1/metrics",
                Map.of(
                    "from",
                    periodStart.toString(),
                    "to",
                    now.toString(),
                    "bucket",
                    "1d",
                    "fields",
                    "usage"))
            .path("rows")) {
      spent = spent.add(row.path("cost").path("usd").decimalValue());
    }
    assertThat(spent).as("the demo's spend so far").isPositive();
    BigDecimal amount = spent.multiply(BigDecimal.valueOf(3)).setScale(6, RoundingMode.UP);
    Map<String, Object> rule = new HashMap<>();
    rule.put("name", "daily budget");
    rule.put("kind", "budget");
    rule.put("period", "day");
    rule.put("timeZone", zone.getId());
    rule.put("amountUsd", amount);
    rule.put("warnAtPercent", 80);
    Instant created = Instant.now();
    String id = hook.rule(rule);

    JsonNode[] alert = new JsonNode[1];
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () -> {
              List<JsonNode> firing = firing(key, id);
              assertThat(firing).hasSize(1);
              alert[0] = firing.get(0);
            });
    JsonNode a = alert[0];
    assertThat(a.path("group").path("level").asText()).isEqualTo("forecast");
    assertThat(a.path("severity").asText()).isEqualTo("warning");
    JsonNode values = a.path("values");
    assertThat(new BigDecimal(values.path("budget_usd").asText())).isEqualByComparingTo(amount);
    BigDecimal spentThen = new BigDecimal(values.path("spent_usd").asText());
    assertThat(spentThen).isGreaterThanOrEqualTo(spent.setScale(4, RoundingMode.DOWN));
    assertThat(spentThen).isLessThan(amount.multiply(BigDecimal.valueOf(0.8)));
    Instant forecastDate = Instant.parse(values.path("forecast_date").asText());
    assertThat(forecastDate).isAfter(now).isBefore(periodEnd);
    assertThat(values.path("period_start").asText()).isEqualTo(periodStart.toString());

    AlertTrips.Delivered d =
        await()
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(200))
            .until(
                () -> hook.firing("daily budget", Map.of("level", "forecast")).orElse(null),
                x -> x != null);
    assertAlertmanagerFormat(d.body(), "daily budget");
    assertThat(d.alert().path("values").path("forecast_date").asText())
        .isEqualTo(forecastDate.toString());
    assertThat(d.alert().path("values").path("budget_usd").asText())
        .isEqualTo(values.path("budget_usd").asText());
    assertThat(d.alert().path("values").has("spent_usd")).isTrue();
    verifySigned(hook, d);
    return new BudgetCheck(amount, zone, spent, created, d.request().at(), forecastDate);
  }

  /** Firing alerts of one rule. */
  private static List<JsonNode> firing(String key, String ruleId) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode a :
        AlertTrips.get(key, "/api/v1/alerts", Map.of("state", "firing")).path("alerts")) {
      if (a.path("ruleId").asText().equals(ruleId)) {
        out.add(a);
      }
    }
    return out;
  }

  private static void assertAlertmanagerFormat(JsonNode body, String alertname) {
    assertThat(body.path("version").asText()).isEqualTo("4");
    assertThat(body.path("status").asText()).isEqualTo("firing");
    assertThat(body.path("receiver").asText()).isEqualTo("e2e receiver");
    assertThat(body.path("groupLabels").path("alertname").asText()).isEqualTo(alertname);
    assertThat(body.path("groupKey").asText()).isNotBlank();
    JsonNode alert = body.path("alerts").get(0);
    assertThat(alert.path("startsAt").asText()).isNotBlank();
    assertThat(alert.path("endsAt").asText()).isEqualTo("0001-01-01T00:00:00Z");
    assertThat(alert.path("fingerprint").asText()).isNotBlank();
    assertThat(alert.path("generatorURL").asText()).contains("/#/traces");
  }

  private static void verifySigned(AlertTrips.Hook hook, AlertTrips.Delivered d) {
    assertThat(
            WebhookSignature.verify(
                hook.secret, d.request().body(), d.request().header(WebhookSignature.HEADER)))
        .as("HMAC-SHA256 with the channel's secret")
        .isTrue();
  }

  /** When the first of the demo's LLM calls started, once its traces are readable. */
  private static Instant awaitFirstTraffic(String key, String service, DemoProcess demo) {
    Instant[] first = new Instant[1];
    await()
        .atMost(Duration.ofSeconds(180))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () -> {
              assertThat(demo.alive()).as(demo.output()).isTrue();
              List<Instant> starts = new ArrayList<>();
              for (JsonNode t : traces(key, service, null, null)) {
                if (t.path("llmCalls").asLong() > 0) {
                  starts.add(Instant.parse(t.path("startTime").asText()));
                }
              }
              assertThat(starts).as(demo.output()).isNotEmpty();
              first[0] = starts.stream().min(Comparator.naturalOrder()).orElseThrow();
            });
    return first[0];
  }

  /**
   * The end of the first LLM call the swapped model answered: the agent exports it within its 200
   * ms batch delay, so this is (just before) the first offending span the collector accepted.
   */
  private static Instant firstSwappedCallEnd(String key, String service, Instant from) {
    List<JsonNode> found = traces(key, service, AFTER, from);
    assertThat(found).isNotEmpty();
    found.sort(Comparator.comparing(t -> Instant.parse(t.path("startTime").asText())));
    Instant first = null;
    for (JsonNode t : found.subList(0, Math.min(3, found.size()))) {
      JsonNode trace =
          AlertTrips.get(key, "/api/v1/traces/" + t.path("traceId").asText(), Map.of());
      for (JsonNode span : trace.path("spans")) {
        if (AFTER.equals(span.path("llm").path("responseModel").asText())) {
          Instant end =
              Instant.parse(span.path("startTime").asText())
                  .plusNanos((long) (span.path("durationMs").asDouble() * 1_000_000));
          if (first == null || end.isBefore(first)) {
            first = end;
          }
        }
      }
    }
    assertThat(first).as("a span answered by " + AFTER).isNotNull();
    return first;
  }

  /** Every trace of the service (with a call of the model, when given), all pages. */
  private static List<JsonNode> traces(String key, String service, String model, Instant from) {
    List<JsonNode> out = new ArrayList<>();
    String cursor = null;
    do {
      var request = given().auth().oauth2(key).queryParam("service", service);
      request.queryParam("limit", 1000);
      if (model != null) {
        request.queryParam("model", model);
      }
      if (from != null) {
        request.queryParam("from", from.minusSeconds(60).toString());
      }
      if (cursor != null) {
        request.queryParam("cursor", cursor);
      }
      JsonNode page;
      try {
        page =
            new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(
                    request.get("/api/v1/traces").then().statusCode(200).extract().asString());
      } catch (java.io.IOException e) {
        throw new AssertionError(e);
      }
      page.path("traces").forEach(out::add);
      cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asText(null);
    } while (cursor != null);
    return out;
  }
}
