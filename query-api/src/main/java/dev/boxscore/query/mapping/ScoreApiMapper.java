package dev.boxscore.query.mapping;

import dev.boxscore.query.api.JudgedCallResponse;
import dev.boxscore.query.api.MetricsRowResponse;
import dev.boxscore.query.api.ScoreCategoryResponse;
import dev.boxscore.query.api.ScoreConfigResponse;
import dev.boxscore.query.api.ScoreResponse;
import dev.boxscore.query.api.ScoreSummaryResponse;
import dev.boxscore.storage.analytics.Dimension;
import dev.boxscore.storage.scores.JudgedCall;
import dev.boxscore.storage.scores.Score;
import dev.boxscore.storage.scores.ScoreAggregate;
import dev.boxscore.storage.scores.ScoreConfig;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** Scores and score configs as the API answers them. */
public final class ScoreApiMapper {
  private ScoreApiMapper() {}

  public static ScoreResponse score(Score s) {
    JudgedCall c = s.call();
    return new ScoreResponse(
        s.id(),
        s.target().apiName(),
        emptyToNull(s.traceId()),
        emptyToNull(s.spanId()),
        emptyToNull(s.sessionId()),
        emptyToNull(s.responseId()),
        s.name(),
        s.dataType().apiName(),
        s.value(),
        emptyToNull(s.stringValue()),
        emptyToNull(s.comment()),
        s.source().apiName(),
        emptyToNull(s.author()),
        emptyToNull(s.configId()),
        s.time(),
        c == null
            ? null
            : new JudgedCallResponse(
                c.start(),
                emptyToNull(c.spanId()),
                emptyToNull(c.service()),
                emptyToNull(c.provider()),
                emptyToNull(c.requestModel()),
                emptyToNull(c.responseModel()),
                emptyToNull(c.promptFingerprint()),
                emptyToNull(c.promptVersion()),
                emptyToNull(c.userId())));
  }

  public static ScoreConfigResponse config(ScoreConfig c) {
    return new ScoreConfigResponse(
        c.id(),
        c.name(),
        c.dataType().apiName(),
        c.min(),
        c.max(),
        c.categories().stream().map(k -> new ScoreCategoryResponse(k.label(), k.value())).toList(),
        emptyToNull(c.description()),
        c.archived(),
        c.createdAt());
  }

  /**
   * The metrics rows with the scores of their calls: each aggregate joins the row of the same
   * bucket and group (scores of calls with no metrics row, e.g. on a non-LLM span, are left out).
   */
  public static List<MetricsRowResponse> withScores(
      List<MetricsRowResponse> rows, List<ScoreAggregate> aggregates, List<Dimension> groupBy) {
    Map<RowKey, Map<String, ScoreSummaryResponse>> byRow = new HashMap<>();
    for (ScoreAggregate a : aggregates) {
      Map<String, String> group = new TreeMap<>();
      for (Dimension d : groupBy) {
        group.put(d.apiName(), a.group().getOrDefault(d, ""));
      }
      byRow
          .computeIfAbsent(new RowKey(a.period(), group), k -> new TreeMap<>())
          .merge(a.name(), summary(a), ScoreApiMapper::combine);
    }
    List<MetricsRowResponse> out = new ArrayList<>(rows.size());
    for (MetricsRowResponse r : rows) {
      Map<String, String> group = new TreeMap<>();
      for (Dimension d : groupBy) {
        group.put(d.apiName(), Objects.requireNonNullElse(r.group().get(d.apiName()), ""));
      }
      Map<String, ScoreSummaryResponse> scores = byRow.get(new RowKey(r.bucket(), group));
      if (scores == null) {
        // Rows of the whole range carry its start as bucket; aggregates of the whole range none.
        scores = byRow.get(new RowKey(null, group));
      }
      out.add(r.withScores(scores == null ? Map.of() : scores));
    }
    return out;
  }

  private static ScoreSummaryResponse summary(ScoreAggregate a) {
    return new ScoreSummaryResponse(
        a.dataType().apiName(), a.scored(), a.average(), new TreeMap<>(a.labels()));
  }

  /** One name sent with two data types (e.g. numeric and categorical) in one row: summed. */
  private static ScoreSummaryResponse combine(ScoreSummaryResponse x, ScoreSummaryResponse y) {
    Map<String, Long> labels = new TreeMap<>(x.labels());
    y.labels().forEach((k, v) -> labels.merge(k, v, Long::sum));
    Double average;
    if (x.average() == null) {
      average = y.average();
    } else if (y.average() == null) {
      average = x.average();
    } else {
      average = (x.average() * x.scored() + y.average() * y.scored()) / (x.scored() + y.scored());
    }
    return new ScoreSummaryResponse(x.dataType(), x.scored() + y.scored(), average, labels);
  }

  private record RowKey(Instant bucket, Map<String, String> group) {}

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
