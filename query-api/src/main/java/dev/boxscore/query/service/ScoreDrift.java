package dev.boxscore.query.service;

import dev.boxscore.query.api.DriftMetricResponse;
import dev.boxscore.query.scope.ProjectScores;
import dev.boxscore.storage.analytics.CallFilter;
import dev.boxscore.storage.analytics.RepeatingWindow;
import dev.boxscore.storage.analytics.TimeWindow;
import dev.boxscore.storage.scores.ScoreDataType;
import dev.boxscore.storage.scores.ScoreSample;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The drift of a subject's scores: one metric {@code score:<name>} per score name seen in either
 * window, tested by its data type (numeric: Mann-Whitney U on the mean; boolean: the share true as
 * a 2×2 chi-square; categorical: the mix of labels). A name scored with several types (a config
 * changed) is tested as its type in the current window.
 */
final class ScoreDrift {
  static final String PREFIX = "score:";

  private ScoreDrift() {}

  /**
   * The score metrics of one drift check, sorted by name; only {@code name}'s when it is not null.
   */
  static List<DriftMetricResponse> metrics(
      ProjectScores scores,
      CallFilter subject,
      RepeatingWindow baseline,
      TimeWindow current,
      String name,
      int maxSamples,
      DriftVerdicts verdicts) {
    Map<String, List<ScoreSample>> base =
        byName(baselineSamples(scores, subject, baseline, name, maxSamples));
    Map<String, List<ScoreSample>> cur =
        byName(scores.samples(current.from(), current.to(), subject, name, maxSamples));
    TreeMap<String, Boolean> names = new TreeMap<>();
    base.keySet().forEach(n -> names.put(n, true));
    cur.keySet().forEach(n -> names.put(n, true));
    List<DriftMetricResponse> out = new ArrayList<>();
    for (String n : names.keySet()) {
      List<ScoreSample> b = base.getOrDefault(n, List.of());
      List<ScoreSample> c = cur.getOrDefault(n, List.of());
      ScoreDataType type = (c.isEmpty() ? b : c).get(0).dataType();
      out.add(metric(PREFIX + n, type, ofType(b, type), ofType(c, type), verdicts));
    }
    return out;
  }

  /**
   * One score's test between two samples: the mean (Mann-Whitney U) of numbers, the share true of
   * booleans (chi-square 2x2), the label mix of categories (chi-square of homogeneity). Drift and
   * the prompt versions' compare test a score the same way.
   */
  static DriftMetricResponse metric(
      String metric,
      ScoreDataType type,
      List<ScoreSample> b,
      List<ScoreSample> c,
      DriftVerdicts verdicts) {
    return switch (type) {
      case BOOLEAN -> verdicts.rate(metric, trues(b), b.size(), trues(c), c.size());
      case CATEGORICAL -> verdicts.mix(metric, labels(b), labels(c));
      default -> verdicts.mean(metric, values(b), values(c));
    };
  }

  /**
   * Each baseline window's sample (up to {@code max} per name), then an even spread over their
   * concatenation when together they hold more: every window keeps its share of the scores, and the
   * same stored scores give the same sample.
   */
  private static List<ScoreSample> baselineSamples(
      ProjectScores scores, CallFilter subject, RepeatingWindow baseline, String name, int max) {
    Map<String, List<ScoreSample>> all = new TreeMap<>();
    // One read for all the windows (7 to 28 of them), window after window per name.
    for (ScoreSample s : scores.samples(baseline, subject, name, max)) {
      all.computeIfAbsent(s.name(), k -> new ArrayList<>()).add(s);
    }
    List<ScoreSample> out = new ArrayList<>();
    for (List<ScoreSample> samples : all.values()) {
      int n = samples.size();
      if (n <= max) {
        out.addAll(samples);
        continue;
      }
      for (int i = 0; i < max; i++) {
        out.add(samples.get((int) ((long) i * n / max)));
      }
    }
    return out;
  }

  private static Map<String, List<ScoreSample>> byName(List<ScoreSample> samples) {
    Map<String, List<ScoreSample>> out = new TreeMap<>();
    for (ScoreSample s : samples) {
      out.computeIfAbsent(s.name(), k -> new ArrayList<>()).add(s);
    }
    return out;
  }

  private static List<ScoreSample> ofType(List<ScoreSample> samples, ScoreDataType type) {
    return samples.stream()
        .filter(s -> s.dataType() == type)
        .filter(s -> type == ScoreDataType.CATEGORICAL ? !s.label().isEmpty() : s.value() != null)
        .toList();
  }

  private static long trues(List<ScoreSample> samples) {
    return samples.stream().filter(s -> s.value() >= 0.5).count();
  }

  private static double[] values(List<ScoreSample> samples) {
    return samples.stream().mapToDouble(ScoreSample::value).toArray();
  }

  private static List<List<String>> labels(List<ScoreSample> samples) {
    return samples.stream().map(s -> List.of(s.label())).toList();
  }
}
