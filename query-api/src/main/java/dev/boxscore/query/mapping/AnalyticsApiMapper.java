package dev.boxscore.query.mapping;

import dev.boxscore.query.api.CostResponse;
import dev.boxscore.query.api.LatencyResponse;
import dev.boxscore.query.api.MetricsRowResponse;
import dev.boxscore.query.api.ScoreComparisonResponse;
import dev.boxscore.query.api.ScoreSideResponse;
import dev.boxscore.query.api.TokensResponse;
import dev.boxscore.query.api.TtftResponse;
import dev.boxscore.storage.analytics.CallStats;
import dev.boxscore.storage.analytics.Dimension;
import dev.boxscore.storage.analytics.Group;
import dev.boxscore.storage.analytics.ScoreAverage;
import dev.boxscore.storage.analytics.TokenSums;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Storage aggregates to API rows. */
public final class AnalyticsApiMapper {
  private AnalyticsApiMapper() {}

  /** The cost part of a row, from a tally's figures. */
  public static CostResponse cost(
      BigDecimal usd,
      long pricedCalls,
      long unpricedCalls,
      Set<String> unpricedModels,
      long estimatedCalls) {
    return new CostResponse(
        usd,
        pricedCalls,
        unpricedCalls,
        unpricedModels,
        estimatedCalls > 0,
        usd == null || pricedCalls == 0
            ? null
            : usd.divide(BigDecimal.valueOf(pricedCalls), MathContext.DECIMAL64)
                .stripTrailingZeros());
  }

  public static MetricsRowResponse row(CallStats s, CostResponse cost) {
    Map<String, String> group = group(s.group());
    long tokenCalls = s.usageCalls() + s.estimatedCalls();
    Double[] l = s.latencyMs();
    Double[] t = s.ttftMs();
    return new MetricsRowResponse(
        s.group().bucket(),
        group,
        s.calls(),
        s.errors(),
        s.calls() == 0 ? 0 : (double) s.errors() / s.calls(),
        new TokensResponse(
            s.tokens().input(),
            s.tokens().output(),
            s.tokens().cacheRead(),
            s.tokens().cacheWrite(),
            s.tokens().reasoning(),
            s.estimatedCalls() > 0,
            s.estimatedCalls()),
        cost,
        new LatencyResponse(
            l[0], l[1], l[2], l[3], s.calls() == 0 ? null : s.durationSumMs() / s.calls()),
        new TtftResponse(s.ttftCalls(), t[0], t[1]),
        tokenCalls == 0 ? null : (double) s.tokens().output() / tokenCalls,
        s.finishReasons(),
        null);
  }

  /**
   * A usage-only row: calls, errors, tokens and cost, without the latency, time-to-first-token and
   * finish-reason aggregates (null), for callers that asked only for usage.
   */
  public static MetricsRowResponse usageRow(
      Group g,
      long calls,
      long errors,
      long tokenCalls,
      long estimatedCalls,
      TokenSums tokens,
      CostResponse cost) {
    return new MetricsRowResponse(
        g.bucket(),
        group(g),
        calls,
        errors,
        calls == 0 ? 0 : (double) errors / calls,
        new TokensResponse(
            tokens.input(),
            tokens.output(),
            tokens.cacheRead(),
            tokens.cacheWrite(),
            tokens.reasoning(),
            estimatedCalls > 0,
            estimatedCalls),
        cost,
        null,
        null,
        tokenCalls == 0 ? null : (double) tokens.output() / tokenCalls,
        null,
        null);
  }

  private static Map<String, String> group(Group g) {
    Map<String, String> group = new LinkedHashMap<>();
    for (Dimension d : Dimension.values()) {
      if (g.values().containsKey(d)) {
        group.put(d.apiName(), g.values().get(d));
      }
    }
    return group;
  }

  /**
   * Each score name of either side, in name order, with each side's average (null where it has
   * none).
   */
  public static List<ScoreComparisonResponse> scores(List<ScoreAverage> a, List<ScoreAverage> b) {
    Map<String, ScoreSideResponse[]> byName = new TreeMap<>();
    for (ScoreAverage s : a) {
      byName.computeIfAbsent(s.name(), n -> new ScoreSideResponse[2])[0] = side(s);
    }
    for (ScoreAverage s : b) {
      byName.computeIfAbsent(s.name(), n -> new ScoreSideResponse[2])[1] = side(s);
    }
    List<ScoreComparisonResponse> out = new ArrayList<>(byName.size());
    byName.forEach((name, sides) -> out.add(new ScoreComparisonResponse(name, sides[0], sides[1])));
    return out;
  }

  private static ScoreSideResponse side(ScoreAverage s) {
    return new ScoreSideResponse(s.scored(), s.average());
  }
}
