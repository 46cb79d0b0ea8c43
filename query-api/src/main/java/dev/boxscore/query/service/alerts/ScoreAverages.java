package dev.boxscore.query.service.alerts;

import dev.boxscore.alerting.rule.AlertRule;
import dev.boxscore.query.scope.ProjectScores;
import dev.boxscore.storage.scores.ScoreAggregate;
import dev.boxscore.storage.scores.ScoreAggregateQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A score rule's figures: the average of its score per group of its {@code groupBy} (and per
 * period, for a backtest), from the scores of the calls that match its filter, as the metrics API
 * averages them (a boolean's average is its share true).
 */
final class ScoreAverages {
  private ScoreAverages() {}

  /** How many scores a group's period holds, and their average (null when none has a number). */
  record Figure(long scored, Double average) {}

  /**
   * The rule's score per group and period in [from, to); {@code bucket} null: the whole range,
   * keyed by {@code null}.
   */
  static Map<Map<String, String>, Map<Instant, Figure>> of(
      ProjectScores scores, AlertRule rule, Instant from, Instant to, Duration bucket) {
    List<ScoreAggregate> rows =
        scores.aggregates(
            new ScoreAggregateQuery(
                from,
                to,
                RuleEvaluator.filter(rule.filter(), Map.of()),
                null,
                null,
                rule.score(),
                List.copyOf(RuleEvaluator.dimensions(rule.groupBy())),
                bucket));
    Map<Map<String, String>, Map<Instant, Figure>> out = new LinkedHashMap<>();
    for (ScoreAggregate a : rows) {
      Map<String, String> group = new LinkedHashMap<>();
      a.group().forEach((d, v) -> group.put(d.apiName(), v));
      // A name scored with two data types (its config changed) is one figure: the averages
      // weighted by their counts.
      out.computeIfAbsent(Map.copyOf(group), g -> new LinkedHashMap<>())
          .merge(
              bucket == null ? null : a.period(),
              new Figure(a.scored(), a.average()),
              ScoreAverages::merge);
    }
    return out;
  }

  private static Figure merge(Figure a, Figure b) {
    if (a.average() == null || b.average() == null) {
      return new Figure(a.scored() + b.scored(), a.average() == null ? b.average() : a.average());
    }
    long n = a.scored() + b.scored();
    return new Figure(n, (a.average() * a.scored() + b.average() * b.scored()) / n);
  }
}
