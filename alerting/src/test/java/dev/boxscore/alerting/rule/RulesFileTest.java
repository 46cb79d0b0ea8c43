package dev.boxscore.alerting.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The YAML rules file: groups, defaults, ids, and errors that say where in the file. */
class RulesFileTest {
  @TempDir Path dir;

  Path write(String yaml) throws IOException {
    Path file = dir.resolve("rules.yaml");
    Files.writeString(file, yaml);
    return file;
  }

  static final String VALID =
      """
      groups:
        - name: checkout            # organises; part of the ids
          project: default
          interval: 30s
          rules:
            - name: checkout p95 latency
              kind: threshold
              filter: {service: checkout, model: gpt-4o}
              metric: latency_p95_ms
              window: 10m
              op: ">"
              threshold: 2000
              warnThreshold: 1500
              minCalls: 20
              for: 10m
              channels: [chn_ops]
              labels: {team: payments}
            - name: checkout spend
              kind: budget
              amountUsd: 500
              interval: 5m
        - project: other
          rules:
            - name: checkout p95 latency
              kind: drift
              metric: latency_p95_ms
              groupBy: [model]
            - name: swaps
              kind: swap
      """;

  @Test
  void loadsEveryRuleWithItsProjectAndTheGroupsInterval() throws IOException {
    List<FileRule> rules = RulesFile.load(write(VALID));
    assertThat(rules)
        .extracting(FileRule::projectId)
        .containsExactly("default", "default", "other", "other");
    assertThat(rules)
        .extracting(r -> r.rule().name())
        .containsExactly("checkout p95 latency", "checkout spend", "checkout p95 latency", "swaps");
    assertThat(rules).extracting(r -> r.rule().source()).containsOnly(AlertRule.SOURCE_FILE);
    assertThat(rules).extracting(r -> r.rule().version()).containsOnly(1L);

    AlertRule latency = rules.get(0).rule();
    assertThat(latency.kind()).isEqualTo(RuleKind.THRESHOLD);
    assertThat(latency.filter()).isEqualTo(new RuleFilter("checkout", "gpt-4o", null, null));
    assertThat(latency.threshold()).isEqualTo(2000.0);
    assertThat(latency.warnThreshold()).isEqualTo(1500.0);
    assertThat(latency.minCalls()).isEqualTo(20);
    assertThat(latency.forDuration()).isEqualTo(Duration.ofMinutes(10));
    assertThat(latency.channels()).containsExactly("chn_ops");
    assertThat(latency.interval()).isEqualTo(Duration.ofSeconds(30));
    // a rule's own interval wins over the group's
    assertThat(rules.get(1).rule().interval()).isEqualTo(Duration.ofMinutes(5));
    // no group interval: the contract's default
    assertThat(rules.get(2).rule().interval()).isEqualTo(Duration.ofMinutes(1));
    assertThat(rules.get(2).rule().groupBy()).containsExactly(GroupDimension.MODEL);
    // what the API writes for a file rule
    assertThat(RuleJson.write(latency).get("readOnly").booleanValue()).isTrue();
  }

  @Test
  void idsAreStableAndDependOnProjectGroupAndName() throws IOException {
    List<FileRule> rules = RulesFile.load(write(VALID));
    assertThat(rules).extracting(r -> r.rule().id()).allMatch(id -> id.matches("rul_[0-9a-f]{12}"));
    assertThat(rules).extracting(r -> r.rule().id()).doesNotHaveDuplicates();
    assertThat(rules.get(0).rule().id())
        .isEqualTo(RulesFile.id("default", "checkout", "checkout p95 latency"));
    assertThat(RulesFile.load(write(VALID)).get(0).rule().id()).isEqualTo(rules.get(0).rule().id());
    assertThat(RulesFile.id("a", "bc", "d")).isNotEqualTo(RulesFile.id("ab", "c", "d"));
    assertThat(RulesFile.id("p", "", "n")).isNotEqualTo(RulesFile.id("p", "g", "n"));
  }

  @Test
  void anEmptyFileHasNoRules() throws IOException {
    assertThat(RulesFile.load(write(""))).isEmpty();
    assertThat(RulesFile.load(write("# nothing yet\n"))).isEmpty();
    assertThat(RulesFile.load(write("groups: []\n"))).isEmpty();
    assertThat(RulesFile.load(write("groups:\n"))).isEmpty();
    assertThat(RulesFile.load(write("{}\n"))).isEmpty();
    assertThat(RulesFile.load(write("groups:\n  - project: p\n"))).isEmpty();
  }

  @Test
  void aThousandRulesLoad() throws IOException {
    StringBuilder yaml = new StringBuilder("groups:\n");
    for (int g = 0; g < 10; g++) {
      yaml.append("  - name: g").append(g).append("\n    project: p").append(g % 2);
      yaml.append("\n    interval: 1m\n    rules:\n");
      for (int r = 0; r < 100; r++) {
        yaml.append("      - name: rule ").append(g).append('-').append(r).append('\n');
        yaml.append("        kind: threshold\n        metric: error_rate\n");
        yaml.append("        threshold: 0.").append(r + 1).append('\n');
        yaml.append("        filter: {service: svc").append(r).append("}\n");
      }
    }
    List<FileRule> rules = RulesFile.load(write(yaml.toString()));
    assertThat(rules).hasSize(1000);
    assertThat(rules).extracting(r -> r.rule().id()).doesNotHaveDuplicates();
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        // the rule's own checks, at the rule's place in the file
        "kind: threshold\\n        metric: calls | groups[0].rules[0].threshold: required for threshold rules",
        "kind: threshold\\n        metric: calls\\n        threshold: '2000' | groups[0].rules[0].threshold: must be a number, got a string",
        "kind: swap\\n        amountUsd: 5 | groups[0].rules[0].amountUsd: only for budget rules",
        "kind: swap\\n        labels: {alertname: x} | groups[0].rules[0].labels.alertname: reserved",
        "kind: swap\\n        groupBy: [model, user] | groups[0].rules[0].groupBy[1]: user is not recorded yet",
        "kind: swap\\n        window: 8d | groups[0].rules[0].window: must be from 1m to 7d",
        "kind: swap\\n        thresold: 1 | groups[0].rules[0].thresold: not a rule field",
        "kind: budget\\n        amountUsd: 5\\n        timeZone: Europe/Nowhere | groups[0].rules[0].timeZone: unknown time zone",
        // Jackson refuses YAML's .nan and .inf itself, at their place
        "kind: threshold\\n        metric: calls\\n        threshold: .nan | line 7, column 24: Malformed numeric value '.nan'",
        "kind: threshold\\n        metric: calls\\n        threshold: -.inf | line 7, column 25: Malformed numeric value '-.inf'",
        "kind: threshold\\n        metric: calls\\n        threshold: 1\\n        for: 5 | groups[0].rules[0].for: must be a duration string",
      })
  void ruleErrorsNameTheFileAndThePlace(String ruleTail, String message) throws IOException {
    Path file =
        write(
            "groups:\n  - project: p\n    rules:\n      - name: r\n        "
                + ruleTail.replace("\\n", "\n")
                + "\n");
    assertThatThrownBy(() -> RulesFile.load(file))
        .isInstanceOf(RulesFileException.class)
        .hasMessageStartingWith(file + ": " + message);
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "- a\\n- b | must be a mapping with groups, got an array",
        "just text | must be a mapping with groups, got a string",
        "rules: [] | rules: not a rules file field (only groups)",
        "groups: {project: p} | groups: must be a list, got an object",
        "groups: [x] | groups[0]: must be a mapping, got a string",
        "groups: [null] | groups[0]: must be a mapping, got null",
        "groups: [{rules: []}] | groups[0].project: required",
        "groups: [{project: ' '}] | groups[0].project: must not be blank",
        "groups: [{project: 5}] | groups[0].project: must be a string, got a number",
        "groups: [{project: p, name: [x]}] | groups[0].name: must be a string, got an array",
        "groups: [{project: p, interval: 5s}] | groups[0].interval: must be from 10s to 1d, got 5s",
        "groups: [{project: p, interval: soon}] | groups[0].interval: must be a duration such as",
        "groups: [{project: p, limit: 5}] | groups[0].limit: not a group field",
        "groups: [{project: p, rules: {}}] | groups[0].rules: must be a list, got an object",
        "groups: [{project: p, rules: [5]}] | groups[0].rules[0]: must be a mapping of rule fields, got a number",
        "groups: [{project: p, rules: [[]]}] | groups[0].rules[0]: must be a mapping of rule fields, got an array",
        "groups: [{project: p, rules: [{kind: swap}]}] | groups[0].rules[0].name: required",
      })
  void fileErrorsNameTheFileAndThePlace(String yaml, String message) throws IOException {
    Path file = write(yaml.replace("\\n", "\n"));
    assertThatThrownBy(() -> RulesFile.load(file))
        .isInstanceOf(RulesFileException.class)
        .hasMessageStartingWith(file + ": " + message);
  }

  @Test
  void duplicateRuleNamesInAProjectAreRefusedEvenAcrossGroups() throws IOException {
    Path file =
        write(
            """
            groups:
              - name: a
                project: p
                rules:
                  - {name: slow, kind: swap}
              - name: b
                project: q
                rules:
                  - {name: slow, kind: swap}
              - name: c
                project: p
                rules:
                  - {name: fast, kind: swap}
                  - {name: slow, kind: swap}
            """);
    assertThatThrownBy(() -> RulesFile.load(file))
        .isInstanceOf(RulesFileException.class)
        .hasMessage(
            file
                + ": groups[2].rules[1].name: \"slow\" is already a rule of project \"p\" at"
                + " groups[0].rules[0]");
  }

  @Test
  void yamlSyntaxErrorsGiveLineAndColumn() throws IOException {
    Path unquotedOp =
        write("groups:\n  - project: p\n    rules:\n      - name: r\n        op: >\n  x: [\n");
    assertThatThrownBy(() -> RulesFile.load(unquotedOp))
        .isInstanceOf(RulesFileException.class)
        .hasMessageStartingWith(unquotedOp + ": line ");

    Path tab = write("groups:\n\t- project: p\n");
    assertThatThrownBy(() -> RulesFile.load(tab))
        .isInstanceOf(RulesFileException.class)
        .hasMessageStartingWith(tab + ": line 2, column 1: found character");
  }

  @Test
  void aRepeatedKeyIsAnErrorNotLastOneWins() throws IOException {
    Path file =
        write(
            "groups:\n  - project: p\n    rules:\n      - name: r\n        kind: threshold\n"
                + "        metric: calls\n        threshold: 1\n        threshold: 2\n");
    assertThatThrownBy(() -> RulesFile.load(file))
        .isInstanceOf(RulesFileException.class)
        .hasMessageStartingWith(file + ": line 8, column ")
        .hasMessageContaining("threshold");
  }

  @Test
  void aSecondDocumentIsRefused() throws IOException {
    Path file = write("groups: []\n---\ngroups: []\n");
    assertThatThrownBy(() -> RulesFile.load(file))
        .isInstanceOf(RulesFileException.class)
        .hasMessageContaining("only one YAML document per file");
  }

  @Test
  void aMissingFileIsAnError() {
    Path file = dir.resolve("absent.yaml");
    assertThatThrownBy(() -> RulesFile.load(file))
        .isInstanceOf(RulesFileException.class)
        .hasMessageStartingWith(file + ": cannot be read")
        .extracting(e -> ((RulesFileException) e).file())
        .isEqualTo(file);
  }

  @Test
  void theGroupIntervalIsNotWrittenIntoTheUsersRule() throws IOException {
    List<FileRule> rules =
        RulesFile.load(
            write(
                "groups:\n  - project: p\n    interval: 2m\n    rules:\n"
                    + "      - {name: a, kind: swap}\n      - {name: b, kind: swap, interval: 10s}\n"));
    assertThat(rules)
        .extracting(r -> r.rule().interval())
        .containsExactly(Duration.ofMinutes(2), Duration.ofSeconds(10));
    assertThat(Set.copyOf(rules)).hasSize(2);
  }
}
