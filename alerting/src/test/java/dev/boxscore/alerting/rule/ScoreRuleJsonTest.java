package dev.boxscore.alerting.rule;

import static dev.boxscore.alerting.rule.RuleJsonTest.json;
import static dev.boxscore.alerting.rule.RuleJsonTest.normalized;
import static dev.boxscore.alerting.rule.RuleJsonTest.rejects;
import static dev.boxscore.alerting.rule.RuleJsonTest.stored;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Score rules in the contract's JSON: {@code metric: score_avg} with the {@code score} named. */
class ScoreRuleJsonTest {
  @TempDir Path dir;

  @Test
  void aScoreRuleInTheRulesFileIsReadAndAMissingScoreNamesItsPlace() throws IOException {
    Path file = dir.resolve("rules.yaml");
    Files.writeString(
        file,
        """
        groups:
          - project: default
            rules:
              - name: helpfulness dropped after the prompt changed
                kind: drift
                filter: {service: support}
                metric: score_avg
                score: helpfulness
                op: "<"
        """);
    List<FileRule> rules = RulesFile.load(file);
    assertThat(rules)
        .singleElement()
        .satisfies(r -> assertThat(r.rule().score()).isEqualTo("helpfulness"));
    assertThat(rules.get(0).rule().op()).isEqualTo(Comparison.LT);
    Files.writeString(
        file,
        "groups:\n  - project: p\n    rules:\n      - name: r\n        kind: threshold\n"
            + "        metric: score_avg\n        threshold: 0.7\n");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> RulesFile.load(file))
        .isInstanceOf(RulesFileException.class)
        .hasMessageStartingWith(file + ": groups[0].rules[0].score: required for metric score_avg");
  }

  @Test
  void aScoreThresholdRuleRoundTrips() throws Exception {
    JsonNode body =
        json(
            "{'name':'helpfulness low','kind':'threshold','metric':'score_avg',"
                + "'score':'helpfulness','window':'1h','op':'<','threshold':0.7,'minCalls':20}");
    AlertRule rule = RuleJson.read(body);
    assertThat(rule.metric()).isEqualTo(Metric.SCORE_AVG);
    assertThat(rule.score()).isEqualTo("helpfulness");
    assertThat(rule.window()).isEqualTo(Duration.ofHours(1));
    assertThat(rule.threshold()).isEqualTo(0.7);
    assertThat(rule.minCalls()).isEqualTo(20);
    JsonNode written = normalized(stored(body, "api"));
    assertThat(written.path("score").asText()).isEqualTo("helpfulness");
    assertThat(written.path("metric").asText()).isEqualTo("score_avg");
    assertThat(normalized(stored(written, "api"))).isEqualTo(written);
  }

  @Test
  void aScoreDriftRuleRoundTrips() throws Exception {
    JsonNode body =
        json(
            "{'name':'helpfulness dropped','kind':'drift','metric':'score_avg',"
                + "'score':'helpfulness','op':'<','filter':{'service':'support'},"
                + "'minChange':0.05}");
    AlertRule rule = RuleJson.read(body);
    assertThat(rule.score()).isEqualTo("helpfulness");
    assertThat(rule.metric().driftMetric()).isPresent();
    assertThat(rule.drift().minChange()).isEqualTo(0.05);
    JsonNode written = normalized(stored(body, "api"));
    assertThat(normalized(stored(written, "api"))).isEqualTo(written);
  }

  @Test
  void otherRulesWriteNoScore() {
    assertThat(stored(json(RuleJsonTest.THRESHOLD + "'threshold':1}"), "api").has("score"))
        .isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "'kind':'threshold','metric':'score_avg','threshold':1          | score | required for metric score_avg",
        "'kind':'drift','metric':'score_avg'                            | score | required for metric score_avg",
        "'kind':'threshold','metric':'score_avg','score':'','threshold':1 | score | must not be blank",
        "'kind':'threshold','metric':'score_avg','score':7,'threshold':1 | score | must be a string",
        "'kind':'threshold','metric':'calls','score':'x','threshold':1  | score | only for score metrics (score_avg)",
        "'kind':'threshold','metric':'score_p95','score':'x','threshold':1 | metric | unknown score metric \"score_p95\"",
        "'kind':'drift','metric':'score','score':'x'                    | metric | unknown score metric \"score\"",
        "'kind':'swap','score':'x'                                      | score | only for threshold and drift rules",
        "'kind':'budget','amountUsd':1,'score':'x'                      | score | only for threshold and drift rules",
      })
  void rejectsNamingTheField(String rest, String field, String problem) {
    rejects("{'name':'s'," + rest + "}", field, problem);
  }
}
