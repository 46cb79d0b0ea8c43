package dev.boxscore.query.service.alerts;

import dev.boxscore.alerting.rule.AlertRule;
import dev.boxscore.alerting.rule.BudgetSettings;
import dev.boxscore.alerting.rule.Comparison;
import dev.boxscore.alerting.rule.DriftSettings;
import dev.boxscore.alerting.rule.Durations;
import dev.boxscore.alerting.rule.GroupDimension;
import dev.boxscore.alerting.rule.RuleFilter;
import dev.boxscore.alerting.rule.Severity;
import dev.boxscore.alerting.state.Observation;
import dev.boxscore.query.api.DriftMetricResponse;
import dev.boxscore.query.api.DriftResponse;
import dev.boxscore.query.api.MetricsRowResponse;
import dev.boxscore.query.api.SwapResponse;
import dev.boxscore.query.api.SwapSideResponse;
import dev.boxscore.query.service.AnalyticsService;
import dev.boxscore.query.service.DriftService;
import dev.boxscore.query.service.SwapService;
import dev.boxscore.storage.analytics.CallFilter;
import dev.boxscore.storage.analytics.Dimension;
import dev.boxscore.storage.analytics.RepeatingWindow;
import dev.boxscore.storage.analytics.RollupQuery;
import dev.boxscore.storage.analytics.TimeWindow;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Evaluates one rule at one instant for the project the request context acts for, from the same
 * services (and so the same figures) as the analytics API: threshold and budget rules from the
 * rollups, drift rules with the drift API's tests, swap rules with its swap detection.
 */
@ApplicationScoped
class RuleEvaluator {
  /** A bucket longer than any window: the whole window is one bucket. */
  static final Duration WHOLE_WINDOW = Duration.ofDays(36_500);

  /** The label of the second alert a rule with a warning level (or a budget) makes per group. */
  static final String LEVEL = "level";

  private final AnalyticsService analytics;
  private final DriftService drift;
  private final SwapService swaps;
  private final dev.boxscore.query.scope.ProjectScope scope;

  RuleEvaluator(
      AnalyticsService analytics,
      DriftService drift,
      SwapService swaps,
      dev.boxscore.query.scope.ProjectScope scope) {
    this.analytics = analytics;
    this.drift = drift;
    this.swaps = swaps;
    this.scope = scope;
  }

  Evaluation evaluate(AlertRule rule, Instant now) {
    return switch (rule.kind()) {
      // A rule alone is a batch of one: the same question and reading as in a round.
      case THRESHOLD ->
          rule.metric().isScore()
              ? new Evaluation(scoreThreshold(rule, now), false)
              : thresholdBatch(ThresholdBatch.of(rule), List.of(rule), now).get(rule);
      case DRIFT -> new Evaluation(drift(rule, now), false);
      case SWAP -> new Evaluation(swap(rule, now), true);
      case BUDGET -> new Evaluation(budget(rule, now), true);
    };
  }

  // ---- threshold

  /**
   * The threshold rules of one {@link ThresholdBatch}, from one metrics question: thousands of
   * rules over a handful of windows cost a handful of queries instead of one (or two) each.
   */
  Map<AlertRule, Evaluation> thresholdBatch(
      ThresholdBatch batch, List<AlertRule> rules, Instant now) {
    boolean quantiles = rules.stream().anyMatch(r -> r.metric().needsQuantiles());
    List<MetricsRowResponse> rows =
        analytics
            .metrics(
                new RollupQuery(
                    now.minus(batch.window()), now, WHOLE_WINDOW, CallFilter.ANY, batch.shape()),
                !quantiles)
            .rows();
    Map<AlertRule, Evaluation> out = new java.util.LinkedHashMap<>();
    for (AlertRule rule : rules) {
      List<GroupObservation> observations = new ArrayList<>();
      for (MetricsRowResponse row : rows) {
        if (ThresholdBatch.matches(rule, row.group())) {
          observations.addAll(
              thresholdObservations(
                  rule,
                  ThresholdBatch.group(rule, row.group()),
                  row.calls(),
                  MetricValues.of(rule.metric(), row)));
        }
      }
      if (observations.isEmpty() && rule.groupBy().isEmpty()) {
        observations.addAll(thresholdObservations(rule, Map.of(), 0, null));
      }
      out.put(rule, new Evaluation(observations, false));
    }
    return out;
  }

  /**
   * A threshold on a score's average: one score question per rule (its filter and grouping), read
   * from the scores rather than the rollups.
   */
  private List<GroupObservation> scoreThreshold(AlertRule rule, Instant now) {
    List<GroupObservation> out = new ArrayList<>();
    ScoreAverages.of(scope.scores(), rule, now.minus(rule.window()), now, null)
        .forEach(
            (group, figures) -> {
              ScoreAverages.Figure f = figures.get(null);
              out.addAll(thresholdObservations(rule, group, f.scored(), f.average()));
            });
    if (out.isEmpty() && rule.groupBy().isEmpty()) {
      out.addAll(thresholdObservations(rule, Map.of(), 0, null));
    }
    return out;
  }

  /** The observations of one group: the threshold's, and the warning level's when set. */
  static List<GroupObservation> thresholdObservations(
      AlertRule rule, Map<String, String> group, long calls, Double value) {
    List<GroupObservation> out = new ArrayList<>(2);
    out.add(
        new GroupObservation(
            group, thresholdObservation(rule, calls, value, rule.threshold(), rule.severity())));
    if (rule.warnThreshold() != null) {
      Map<String, String> warnGroup = new TreeMap<>(group);
      warnGroup.put(LEVEL, Severity.WARNING.apiName());
      out.add(
          new GroupObservation(
              warnGroup,
              thresholdObservation(rule, calls, value, rule.warnThreshold(), Severity.WARNING)));
    }
    return out;
  }

  private static Observation thresholdObservation(
      AlertRule rule, long calls, Double value, double threshold, Severity severity) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("metric", rule.metric().apiName());
    values.put("value", MetricValues.text(value));
    values.put("op", op(rule).symbol());
    values.put("threshold", MetricValues.text(threshold));
    values.put("window", Durations.format(rule.window()));
    if (rule.metric().isScore()) {
      // A score rule counts the scores (its minCalls guard is on them), not the calls.
      values.put("score", rule.score());
      values.put("scores", Long.toString(calls));
    } else {
      values.put("calls", Long.toString(calls));
    }
    values.put("severity", severity.apiName());
    if (calls < Math.max(1, rule.minCalls()) || value == null || !Double.isFinite(value)) {
      return Observation.noData(values);
    }
    return Observation.of(op(rule).holds(value, threshold), value, values);
  }

  private static Comparison op(AlertRule rule) {
    return rule.op() == null ? Comparison.GT : rule.op();
  }

  // ---- drift

  private List<GroupObservation> drift(AlertRule rule, Instant now) {
    DriftSettings s = rule.drift() == null ? DriftSettings.DEFAULTS : rule.drift();
    Instant from = now.minus(rule.window());
    List<Map<String, String>> groups = new ArrayList<>();
    if (rule.groupBy().isEmpty()) {
      groups.add(Map.of());
    } else if (rule.metric().isScore()) {
      // The groups scored in the current window: a group without scores there has nothing to
      // test.
      groups.addAll(ScoreAverages.of(scope.scores(), rule, from, now, null).keySet());
    } else {
      for (MetricsRowResponse row :
          analytics
              .metrics(
                  new RollupQuery(
                      from,
                      now,
                      WHOLE_WINDOW,
                      filter(rule.filter(), Map.of()),
                      dimensions(rule.groupBy())),
                  true)
              .rows()) {
        groups.add(row.group());
      }
    }
    String metric =
        rule.metric().isScore()
            ? "score:" + rule.score()
            : rule.metric().driftMetric().orElse("latency_ms");
    List<GroupObservation> out = new ArrayList<>();
    for (Map<String, String> group : groups) {
      CallFilter subject = filter(rule.filter(), group);
      DriftService.DriftQuery query =
          new DriftService.DriftQuery(
              subject,
              group,
              new TimeWindow(from, now),
              new RepeatingWindow(
                  new TimeWindow(
                      from.minus(s.baselineDays(), ChronoUnit.DAYS),
                      now.minus(s.baselineDays(), ChronoUnit.DAYS)),
                  Duration.ofDays(1),
                  s.baselineDays()),
              s.minSamples(),
              s.alpha(),
              s.minChange(),
              s.maxSamples(),
              s.minChange());
      // A score rule tests its score alone: the calls' samples and tests are not needed.
      DriftMetricResponse m =
          rule.metric().isScore()
              ? drift.scoreDrift(query, rule.score())
              : driftOnce(query).metrics().stream()
                  .filter(x -> x.metric().equals(metric))
                  .findFirst()
                  .orElse(null);
      out.add(new GroupObservation(group, driftObservation(rule, s, metric, m)));
    }
    return out;
  }

  /**
   * Drift rules of one round that ask the same question (same subject, windows and test settings,
   * another metric, say) share one answer: each answer is a sampled query and the tests of every
   * metric. Answers are kept for the round's instant only.
   */
  private final java.util.concurrent.ConcurrentHashMap<
          DriftKey, java.util.concurrent.CompletableFuture<DriftResponse>>
      driftAnswers = new java.util.concurrent.ConcurrentHashMap<>();

  private volatile Instant driftAnswersAt;

  private record DriftKey(String projectId, DriftService.DriftQuery query) {}

  private DriftResponse driftOnce(DriftService.DriftQuery q) {
    Instant at = q.current().to();
    if (!at.equals(driftAnswersAt)) {
      synchronized (driftAnswers) {
        if (!at.equals(driftAnswersAt)) {
          driftAnswers.clear();
          driftAnswersAt = at;
        }
      }
    }
    java.util.concurrent.CompletableFuture<DriftResponse> mine =
        new java.util.concurrent.CompletableFuture<>();
    DriftKey key = new DriftKey(scope.projectId(), q);
    java.util.concurrent.CompletableFuture<DriftResponse> shared =
        driftAnswers.putIfAbsent(key, mine);
    if (shared != null) {
      return shared.join();
    }
    try {
      DriftResponse answer = drift.drift(q, false);
      mine.complete(answer);
      return answer;
    } catch (RuntimeException e) {
      mine.completeExceptionally(e);
      driftAnswers.remove(key, mine);
      throw e;
    }
  }

  private static Observation driftObservation(
      AlertRule rule, DriftSettings s, String metric, DriftMetricResponse m) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("metric", metric);
    values.put("window", Durations.format(rule.window()));
    values.put("baseline_days", Integer.toString(s.baselineDays()));
    values.put("alpha", MetricValues.text(s.alpha()));
    values.put("min_change", MetricValues.text(s.minChange()));
    if (m == null || "insufficient_samples".equals(m.verdict())) {
      if (m != null) {
        values.put("baseline_samples", Long.toString(m.baselineSamples()));
        values.put("current_samples", Long.toString(m.currentSamples()));
      }
      return Observation.noData(values);
    }
    values.put("baseline", MetricValues.text(m.baseline()));
    values.put("current", MetricValues.text(m.current()));
    values.put("change", MetricValues.text(m.relativeChange()));
    values.put("p_value", m.pValue() == null ? "" : String.format("%.3g", m.pValue()));
    values.put("baseline_samples", Long.toString(m.baselineSamples()));
    values.put("current_samples", Long.toString(m.currentSamples()));
    values.put("test", m.test());
    boolean drifted = "drift".equals(m.verdict());
    // The direction asked: ">" (default) is a rise, "<" a fall; a faster or cheaper model is not
    // an incident unless the rule says so.
    Comparison op = op(rule);
    Double change = m.relativeChange() != null ? m.relativeChange() : m.change();
    // A mix (categories, finish reasons) changes without a direction: its change is a distance.
    boolean rightWay =
        change == null
            || m.relativeChange() == null && "chi_square_homogeneity".equals(m.test())
            || (op == Comparison.GT || op == Comparison.GTE ? change > 0 : change < 0);
    return Observation.of(drifted && rightWay, change, values);
  }

  // ---- swap

  private List<GroupObservation> swap(AlertRule rule, Instant now) {
    Instant since = now.minus(rule.window());
    Map<Map<String, String>, SwapResponse> latest = new HashMap<>();
    for (SwapResponse s :
        swaps
            .swaps(since.minus(rule.window()), now, filter(rule.filter(), Map.of()), rule.window())
            .swaps()) {
      if (s.at().isBefore(since)) {
        continue;
      }
      Map<String, String> group = new TreeMap<>();
      group.put("model", s.requestModel());
      if (rule.groupBy().contains(GroupDimension.PROVIDER)) {
        group.put("provider", s.provider() == null ? "" : s.provider());
      }
      latest.merge(Map.copyOf(group), s, (a, b) -> a.at().isAfter(b.at()) ? a : b);
    }
    List<GroupObservation> out = new ArrayList<>();
    latest.forEach(
        (group, s) -> {
          Map<String, String> values = new LinkedHashMap<>();
          values.put("request_model", s.requestModel());
          values.put("swap_kind", s.kind());
          values.put("from_model", nz(s.fromResponseModel()));
          values.put("to_model", nz(s.toResponseModel()));
          values.put("from_fingerprint", nz(s.fromSystemFingerprint()));
          values.put("to_fingerprint", nz(s.toSystemFingerprint()));
          values.put("at", s.at().toString());
          side(values, "before_", s.before());
          side(values, "after_", s.after());
          out.add(new GroupObservation(group, Observation.of(true, 1.0, values)));
        });
    return out;
  }

  private static void side(Map<String, String> values, String prefix, SwapSideResponse side) {
    if (side == null) {
      return;
    }
    values.put(prefix + "calls", Long.toString(side.calls()));
    values.put(prefix + "latency_p95_ms", MetricValues.text(side.latencyP95Ms()));
    values.put(
        prefix + "cost_per_call_usd",
        side.costPerCallUsd() == null ? "" : side.costPerCallUsd().toPlainString());
    values.put(prefix + "output_tokens_per_call", MetricValues.text(side.outputTokensPerCall()));
    values.put(prefix + "error_rate", MetricValues.text(side.errorRate()));
  }

  // ---- budget

  /** A budget rule's period containing {@code now}: [start, end) in its time zone. */
  static TimeWindow period(BudgetSettings b, Instant now) {
    ZonedDateTime local = now.atZone(b.timeZone()).truncatedTo(ChronoUnit.DAYS);
    ZonedDateTime start =
        switch (b.period()) {
          case DAY -> local;
          case WEEK -> local.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
          case MONTH -> local.withDayOfMonth(1);
        };
    ZonedDateTime end =
        switch (b.period()) {
          case DAY -> start.plusDays(1);
          case WEEK -> start.plusWeeks(1);
          case MONTH -> start.plusMonths(1);
        };
    return new TimeWindow(start.toInstant(), end.toInstant());
  }

  private List<GroupObservation> budget(AlertRule rule, Instant now) {
    BudgetSettings b = rule.budget();
    TimeWindow period = period(b, now);
    List<MetricsRowResponse> rows =
        analytics
            .metrics(
                new RollupQuery(
                    period.from(),
                    now,
                    WHOLE_WINDOW,
                    filter(rule.filter(), Map.of()),
                    dimensions(rule.groupBy())),
                true)
            .rows();
    Map<Map<String, String>, BigDecimal> spent = new LinkedHashMap<>();
    if (rule.groupBy().isEmpty()) {
      spent.put(Map.of(), BigDecimal.ZERO);
    }
    for (MetricsRowResponse row : rows) {
      BigDecimal usd =
          row.cost() == null || row.cost().usd() == null ? BigDecimal.ZERO : row.cost().usd();
      spent.merge(row.group(), usd, BigDecimal::add);
    }
    List<GroupObservation> out = new ArrayList<>();
    spent.forEach((group, usd) -> out.addAll(budgetObservations(rule, period, now, group, usd)));
    return out;
  }

  static List<GroupObservation> budgetObservations(
      AlertRule rule, TimeWindow period, Instant now, Map<String, String> group, BigDecimal spent) {
    BudgetSettings b = rule.budget();
    BudgetForecast forecast = BudgetForecast.of(period, now, spent, b.amountUsd());
    Map<String, String> values = new LinkedHashMap<>();
    values.put(
        "spent_usd", spent.setScale(4, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString());
    values.put("budget_usd", b.amountUsd().stripTrailingZeros().toPlainString());
    values.put("percent", MetricValues.text(forecast.percent()));
    values.put("period", b.period().apiName());
    values.put("period_start", period.from().toString());
    values.put("period_end", period.to().toString());
    values.put("time_zone", b.timeZone().getId());
    if (forecast.forecastUsd() != null) {
      values.put(
          "forecast_usd", forecast.forecastUsd().setScale(2, RoundingMode.HALF_UP).toPlainString());
    }
    if (forecast.crossesAt() != null) {
      values.put("forecast_date", forecast.crossesAt().toString());
    }
    double pct = forecast.percent();
    List<GroupObservation> out = new ArrayList<>(3);
    out.add(new GroupObservation(group, Observation.of(pct >= 100, pct, values)));
    out.add(
        new GroupObservation(
            level(group, Severity.WARNING.apiName()),
            Observation.of(pct >= b.warnAtPercent() && pct < 100, pct, values)));
    out.add(
        new GroupObservation(
            level(group, "forecast"),
            Observation.of(forecast.crossesAt() != null && pct < 100, pct, values)));
    return out;
  }

  private static Map<String, String> level(Map<String, String> group, String level) {
    Map<String, String> g = new TreeMap<>(group);
    g.put(LEVEL, level);
    return g;
  }

  // ---- shared

  static CallFilter filter(RuleFilter f, Map<String, String> group) {
    return new CallFilter(
        group.getOrDefault("service", f.service()),
        group.getOrDefault("provider", f.provider()),
        group.getOrDefault("model", f.model()),
        null,
        null,
        null,
        group.getOrDefault("prompt_version", f.promptVersion()));
  }

  static Set<Dimension> dimensions(Set<GroupDimension> groupBy) {
    return groupBy.stream()
        .map(d -> Dimension.fromApiName(d.apiName()).orElseThrow())
        .collect(Collectors.toSet());
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
