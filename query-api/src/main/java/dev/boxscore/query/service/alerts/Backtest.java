package dev.boxscore.query.service.alerts;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.boxscore.alerting.rule.AlertRule;
import dev.boxscore.alerting.rule.Durations;
import dev.boxscore.alerting.state.AlertInstance;
import dev.boxscore.alerting.state.AlertState;
import dev.boxscore.alerting.state.StateMachine;
import dev.boxscore.alerting.state.Step;
import dev.boxscore.query.api.MetricsRowResponse;
import dev.boxscore.query.api.SwapResponse;
import dev.boxscore.query.service.AnalyticsService;
import dev.boxscore.query.service.SwapService;
import dev.boxscore.storage.analytics.RollupQuery;
import dev.boxscore.storage.analytics.TimeWindow;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * When a rule would have fired over stored traffic: the metric per step of one window (tumbling
 * windows, each judged at its end, with the rule's {@code for} and {@code keepFiringFor}), and the
 * firings that made. One rollup query for the whole range, so a week of a 10-minute rule is one
 * read, not a thousand. Budget rules replay the spend per hour within each period; swap rules fire
 * from each swap for their window. Drift rules are not replayed: each step would be a sampled
 * statistical test.
 */
@ApplicationScoped
class Backtest {
  static final int MAX_STEPS = 5000;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final AnalyticsService analytics;
  private final SwapService swaps;
  private final dev.boxscore.query.scope.ProjectScope scope;

  Backtest(
      AnalyticsService analytics, SwapService swaps, dev.boxscore.query.scope.ProjectScope scope) {
    this.analytics = analytics;
    this.swaps = swaps;
    this.scope = scope;
  }

  /** A point of the replayed series, and the observations made from it. */
  private record Point(Instant at, Double value, long calls, List<GroupObservation> observations) {}

  ObjectNode run(AlertRule rule, Instant from, Instant to) {
    Duration step =
        rule.kind() == dev.boxscore.alerting.rule.RuleKind.BUDGET
            ? Duration.ofHours(1)
            : rule.window();
    long steps = Duration.between(from, to).toMillis() / Math.max(1, step.toMillis());
    if (steps > MAX_STEPS) {
      throw new dev.boxscore.alerting.rule.InvalidRuleException(
          "from",
          "the range holds "
              + steps
              + " steps of "
              + Durations.format(step)
              + "; at most "
              + MAX_STEPS
              + ": shorten the range or lengthen the window");
    }
    ObjectNode out = JSON.createObjectNode();
    out.put("from", from.toString());
    out.put("to", to.toString());
    out.put("step", Durations.format(step));
    if (rule.threshold() != null) {
      out.put("threshold", rule.threshold());
    } else {
      out.putNull("threshold");
    }
    if (rule.warnThreshold() != null) {
      out.put("warnThreshold", rule.warnThreshold());
    } else {
      out.putNull("warnThreshold");
    }
    out.put("op", rule.op() == null ? ">" : rule.op().symbol());
    Map<Map<String, String>, List<Point>> series =
        switch (rule.kind()) {
          case THRESHOLD -> threshold(rule, from, to);
          case BUDGET -> budget(rule, from, to);
          case SWAP -> swap(rule, from, to);
          case DRIFT -> new LinkedHashMap<>();
        };
    if (rule.kind() == dev.boxscore.alerting.rule.RuleKind.DRIFT) {
      out.put(
          "note",
          "drift rules are not replayed (each step is a sampled statistical test); the Drift page"
              + " shows the current verdict");
    }
    ArrayNode seriesJson = out.putArray("series");
    ArrayNode firings = out.putArray("firings");
    int fired = 0;
    for (Map.Entry<Map<String, String>, List<Point>> e : series.entrySet()) {
      ObjectNode s = seriesJson.addObject();
      s.set("group", JSON.valueToTree(e.getKey()));
      ArrayNode points = s.putArray("points");
      Map<Map<String, String>, AlertInstance> state =
          new TreeMap<>(java.util.Comparator.comparing(Object::toString));
      Map<Map<String, String>, ObjectNode> open = new LinkedHashMap<>();
      StateMachine machine = new StateMachine(rule.forDuration(), rule.keepFiringFor());
      for (Point p : e.getValue()) {
        ObjectNode pj = points.addObject();
        pj.put("at", p.at().toString());
        if (p.value() == null) {
          pj.putNull("value");
        } else {
          pj.put("value", p.value());
        }
        pj.put("calls", p.calls());
        for (GroupObservation g : p.observations()) {
          // A window is judged at its end; the last one, still open, at the end of the range.
          Instant judged = p.at().plus(step).isAfter(to) ? to : p.at().plus(step);
          Step next =
              machine.next("", rule.id(), g.group(), state.get(g.group()), g.observation(), judged);
          state.put(g.group(), next.instance());
          if (next.transition().isEmpty()) {
            continue;
          }
          AlertState to2 = next.transition().get().to();
          if (to2 == AlertState.FIRING) {
            ObjectNode f = firings.addObject();
            f.set("group", JSON.valueToTree(g.group()));
            f.put("firedAt", judged.toString());
            f.putNull("resolvedAt");
            f.put("peak", p.value() == null ? 0 : p.value());
            open.put(g.group(), f);
            fired++;
          } else if (next.transition().get().from() == AlertState.FIRING) {
            ObjectNode f = open.remove(g.group());
            if (f != null) {
              f.put("resolvedAt", judged.toString());
            }
          }
          ObjectNode f = open.get(g.group());
          if (f != null && p.value() != null && p.value() > f.path("peak").asDouble()) {
            f.put("peak", p.value());
          }
        }
      }
    }
    out.put("fired", fired);
    return out;
  }

  private Map<Map<String, String>, List<Point>> threshold(
      AlertRule rule, Instant from, Instant to) {
    if (rule.metric().isScore()) {
      return scoreThreshold(rule, from, to);
    }
    Map<Map<String, String>, List<Point>> out = new LinkedHashMap<>();
    List<MetricsRowResponse> rows =
        analytics
            .metrics(
                new RollupQuery(
                    from,
                    to,
                    rule.window(),
                    RuleEvaluator.filter(rule.filter(), Map.of()),
                    RuleEvaluator.dimensions(rule.groupBy())),
                !rule.metric().needsQuantiles())
            .rows();
    Map<Map<String, String>, Map<Instant, MetricsRowResponse>> byGroup = new LinkedHashMap<>();
    for (MetricsRowResponse r : rows) {
      byGroup.computeIfAbsent(r.group(), g -> new java.util.HashMap<>()).put(r.bucket(), r);
    }
    if (byGroup.isEmpty() && rule.groupBy().isEmpty()) {
      byGroup.put(Map.of(), Map.of());
    }
    // Every step of the range, a window without calls as a point without a value (no data), so a
    // chart shows the gap rather than joining across it.
    long step = rule.window().toMillis();
    Instant first = Instant.ofEpochMilli(Math.floorDiv(from.toEpochMilli(), step) * step);
    byGroup.forEach(
        (group, buckets) -> {
          List<Point> points = new ArrayList<>();
          for (Instant at = first; at.isBefore(to); at = at.plusMillis(step)) {
            MetricsRowResponse r = buckets.get(at);
            long calls = r == null ? 0 : r.calls();
            Double v = r == null ? null : MetricValues.of(rule.metric(), r);
            points.add(
                new Point(
                    at, v, calls, RuleEvaluator.thresholdObservations(rule, group, calls, v)));
          }
          out.put(group, points);
        });
    return out;
  }

  /** A score threshold's steps: the score's average per window, from the scores. */
  private Map<Map<String, String>, List<Point>> scoreThreshold(
      AlertRule rule, Instant from, Instant to) {
    Map<Map<String, String>, Map<Instant, ScoreAverages.Figure>> byGroup =
        ScoreAverages.of(scope.scores(), rule, from, to, rule.window());
    if (byGroup.isEmpty() && rule.groupBy().isEmpty()) {
      byGroup.put(Map.of(), Map.of());
    }
    Map<Map<String, String>, List<Point>> out = new LinkedHashMap<>();
    long step = rule.window().toMillis();
    Instant first = Instant.ofEpochMilli(Math.floorDiv(from.toEpochMilli(), step) * step);
    byGroup.forEach(
        (group, buckets) -> {
          List<Point> points = new ArrayList<>();
          for (Instant at = first; at.isBefore(to); at = at.plusMillis(step)) {
            ScoreAverages.Figure f = buckets.get(at);
            long scored = f == null ? 0 : f.scored();
            Double v = f == null ? null : f.average();
            points.add(
                new Point(
                    at, v, scored, RuleEvaluator.thresholdObservations(rule, group, scored, v)));
          }
          out.put(group, points);
        });
    return out;
  }

  private Map<Map<String, String>, List<Point>> budget(AlertRule rule, Instant from, Instant to) {
    Map<Map<String, String>, List<Point>> out = new LinkedHashMap<>();
    List<MetricsRowResponse> rows =
        analytics
            .metrics(
                new RollupQuery(
                    RuleEvaluator.period(rule.budget(), from).from(),
                    to,
                    Duration.ofHours(1),
                    RuleEvaluator.filter(rule.filter(), Map.of()),
                    RuleEvaluator.dimensions(rule.groupBy())),
                true)
            .rows();
    Map<Map<String, String>, BigDecimal> spent = new LinkedHashMap<>();
    Map<Map<String, String>, Instant> periodOf = new LinkedHashMap<>();
    for (MetricsRowResponse r : rows) {
      TimeWindow period = RuleEvaluator.period(rule.budget(), r.bucket());
      if (!period.from().equals(periodOf.get(r.group()))) {
        periodOf.put(r.group(), period.from());
        spent.put(r.group(), BigDecimal.ZERO);
      }
      BigDecimal usd =
          r.cost() == null || r.cost().usd() == null ? BigDecimal.ZERO : r.cost().usd();
      BigDecimal total = spent.merge(r.group(), usd, BigDecimal::add);
      if (r.bucket().isBefore(from)) {
        continue;
      }
      Instant end = r.bucket().plus(Duration.ofHours(1));
      out.computeIfAbsent(r.group(), g -> new ArrayList<>())
          .add(
              new Point(
                  r.bucket(),
                  total.doubleValue(),
                  r.calls(),
                  RuleEvaluator.budgetObservations(rule, period, end, r.group(), total)));
    }
    return out;
  }

  private Map<Map<String, String>, List<Point>> swap(AlertRule rule, Instant from, Instant to) {
    Map<Map<String, String>, List<Point>> out = new LinkedHashMap<>();
    for (SwapResponse s :
        swaps
            .swaps(from, to, RuleEvaluator.filter(rule.filter(), Map.of()), rule.window())
            .swaps()) {
      Map<String, String> group = Map.of("model", s.requestModel());
      List<Point> points = out.computeIfAbsent(group, g -> new ArrayList<>());
      points.add(
          new Point(
              s.at().minus(rule.window()),
              1.0,
              s.after() == null ? 0 : s.after().calls(),
              List.of(
                  new GroupObservation(
                      group, dev.boxscore.alerting.state.Observation.of(true, 1.0, Map.of())))));
      points.add(
          new Point(
              s.at(),
              0.0,
              0,
              List.of(
                  new GroupObservation(
                      group, dev.boxscore.alerting.state.Observation.of(false, 0.0, Map.of())))));
    }
    return out;
  }
}
