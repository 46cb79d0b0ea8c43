package dev.boxscore.server;

import static dev.boxscore.server.GeneratedCalls.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.boxscore.server.ScoredCalls.Value;
import dev.boxscore.server.config.AuthConfig;
import dev.boxscore.storage.clickhouse.ClickHouseStorage;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Score drift through the drift API: a service whose prompt version changed in the current hour,
 * with its scores generated of known shape (judge-like numeric scores in tenths, a boolean, a
 * category), stored with the real span writer and score store and read over HTTP; and a control
 * service whose prompt version changed with no effect on its scores.
 */
@QuarkusTest
class ScoreDriftApiTest {
  private static final Instant CURRENT = Instant.parse("2025-02-10T12:00:00Z");

  @Inject ClickHouseStorage storage;
  @Inject AuthConfig auth;

  /**
   * 500 calls in the current hour (prompt v2) and 500 over the same hour of the 7 days before
   * (prompt v1); helpfulness around 0.8 (sd 0.15), times {@code helpfulnessFactor} under v2;
   * "resolved" true with {@code resolvedV1} then {@code resolvedV2}; tone polite 80 % under v1, and
   * {@code politeV2} under v2.
   */
  private void write(
      String service,
      long seed,
      double helpfulnessFactor,
      double resolvedV1,
      double resolvedV2,
      double politeV2) {
    Random random = new Random(seed);
    List<LlmRow> calls = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      boolean current = i < 500;
      int day = current ? 0 : 1 + i % 7;
      LlmRow r =
          new LlmRow(
              auth.bootstrapProject(),
              CURRENT
                  .minus(Duration.ofDays(day))
                  .plusMillis((long) (random.nextDouble() * 3_600_000)));
      r.service = service;
      r.requestModel = "gpt-4o-mini";
      r.promptVersion = current ? "v2" : "v1";
      r.input = 300;
      r.output = 100;
      calls.add(r);
    }
    ScoredCalls.write(
        storage,
        auth.bootstrapProject(),
        calls,
        r -> {
          boolean v2 = r.promptVersion.equals("v2");
          // A judge's score in tenths of [0, 1]; v2's are that lowered by the factor, so its mean
          // is exactly that much lower.
          double h =
              Math.max(
                  0, Math.min(1, Math.round((0.8 + 0.15 * random.nextGaussian()) * 10) / 10.0));
          double share = random.nextDouble();
          return List.of(
              Value.numeric("helpfulness", h * (v2 ? helpfulnessFactor : 1)),
              Value.bool("resolved", share < (v2 ? resolvedV2 : resolvedV1)),
              Value.category(
                  "tone", random.nextDouble() < (v2 ? politeV2 : 0.8) ? "polite" : "curt"));
        });
  }

  /** The drift of the service's last hour; null {@code minChange}: the API's default for scores. */
  private static JsonNode drift(String service, String minChange) {
    Map<String, String> params = new java.util.HashMap<>();
    params.put("service", service);
    params.put("from", CURRENT.toString());
    params.put("to", CURRENT.plus(Duration.ofHours(1)).toString());
    params.put("baseline_days", "7");
    if (minChange != null) {
      params.put("score_min_change", minChange);
    }
    return get("/api/v1/drift", params);
  }

  private static JsonNode metric(JsonNode answer, String name) {
    for (JsonNode m : answer.path("metrics")) {
      if (m.path("metric").asText().equals(name)) {
        return m;
      }
    }
    throw new AssertionError(name + " not in " + answer);
  }

  @Test
  void aPromptVersionThatLowersAScoreBy10PercentIsScoreDriftAndAControlIsNot() {
    write("score-drift-svc", 17, 0.9, 0.9, 0.9, 0.8);
    write("score-control-svc", 18, 1.0, 0.9, 0.9, 0.8);

    // A 10 % drop is flagged with the API's defaults: a score's minimum change is 5 % (at the
    // calls'
    // 10 %, a drop of exactly 10 % would be on the edge: half the samples measure a little less).
    JsonNode changed = drift("score-drift-svc", null);
    JsonNode helpfulness = metric(changed, "score:helpfulness");
    assertThat(helpfulness.path("verdict").asText()).as(changed.toString()).isEqualTo("drift");
    assertThat(helpfulness.path("test").asText()).isEqualTo("mann_whitney_u");
    assertThat(helpfulness.path("baselineSamples").asLong()).isEqualTo(500);
    assertThat(helpfulness.path("currentSamples").asLong()).isEqualTo(500);
    assertThat(helpfulness.path("baseline").asDouble()).isCloseTo(0.8, within(0.03));
    assertThat(helpfulness.path("relativeChange").asDouble()).isCloseTo(-0.1, within(0.03));
    assertThat(helpfulness.path("pValue").asDouble()).isLessThan(1e-4);
    assertThat(changed.path("drifted").asBoolean()).isTrue();
    // The calls themselves did not change.
    assertThat(metric(changed, "output_tokens_per_call").path("verdict").asText())
        .isEqualTo("no_drift");
    assertThat(metric(changed, "score:resolved").path("verdict").asText()).isEqualTo("no_drift");
    assertThat(metric(changed, "score:tone").path("verdict").asText()).isEqualTo("no_drift");

    System.out.printf(
        "SCORE DRIFT: helpfulness %s -> %s (%s), p %s, %d/%d scores: %s%n",
        helpfulness.path("baseline").asText(),
        helpfulness.path("current").asText(),
        helpfulness.path("relativeChange").asText(),
        helpfulness.path("pValue").asText(),
        helpfulness.path("baselineSamples").asLong(),
        helpfulness.path("currentSamples").asLong(),
        helpfulness.path("verdict").asText());
    JsonNode control = drift("score-control-svc", null);
    for (String score : List.of("score:helpfulness", "score:resolved", "score:tone")) {
      assertThat(metric(control, score).path("verdict").asText())
          .as(score + " in " + control)
          .isEqualTo("no_drift");
    }
    assertThat(metric(control, "score:helpfulness").path("baselineSamples").asLong())
        .isEqualTo(500);
    assertThat(control.path("drifted").asBoolean()).isFalse();
    JsonNode c = metric(control, "score:helpfulness");
    System.out.printf(
        "SCORE DRIFT: control helpfulness %s -> %s (%s), p %s: %s%n",
        c.path("baseline").asText(),
        c.path("current").asText(),
        c.path("relativeChange").asText(),
        c.path("pValue").asText(),
        c.path("verdict").asText());
  }

  @Test
  void booleanAndCategoricalScoresDriftAsAShareAndAMix() {
    // resolved: 90 % true, then 70 %; tone: 80 % polite, then 50 %.
    write("score-mix-svc", 19, 1.0, 0.9, 0.7, 0.5);
    JsonNode answer = drift("score-mix-svc", "0.1");

    JsonNode resolved = metric(answer, "score:resolved");
    assertThat(resolved.path("verdict").asText()).as(answer.toString()).isEqualTo("drift");
    assertThat(resolved.path("test").asText()).isEqualTo("chi_square_2x2");
    assertThat(resolved.path("baseline").asDouble()).isCloseTo(0.9, within(0.04));
    assertThat(resolved.path("current").asDouble()).isCloseTo(0.7, within(0.05));

    JsonNode tone = metric(answer, "score:tone");
    assertThat(tone.path("verdict").asText()).isEqualTo("drift");
    assertThat(tone.path("test").asText()).isEqualTo("chi_square_homogeneity");
    // The total variation distance between 80/20 and 50/50.
    assertThat(tone.path("change").asDouble()).isCloseTo(0.3, within(0.06));

    assertThat(metric(answer, "score:helpfulness").path("verdict").asText()).isEqualTo("no_drift");
  }

  @Test
  void aSubjectWithoutScoresHasNoScoreMetrics() {
    GeneratedCalls.write(
        storage,
        auth.bootstrapProject(),
        60,
        CURRENT,
        Duration.ofMinutes(1),
        r -> r.service = "unscored-svc");
    JsonNode answer = drift("unscored-svc", "0.1");
    for (JsonNode m : answer.path("metrics")) {
      assertThat(m.path("metric").asText()).doesNotStartWith("score:");
    }
    assertThat(metric(answer, "latency_ms").path("currentSamples").asLong()).isEqualTo(60);
  }
}
