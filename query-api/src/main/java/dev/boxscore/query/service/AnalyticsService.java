package dev.boxscore.query.service;

import dev.boxscore.model.pricing.ModelPrice;
import dev.boxscore.model.pricing.PriceCatalog;
import dev.boxscore.query.api.CompareResponse;
import dev.boxscore.query.api.MetricsResponse;
import dev.boxscore.query.api.MetricsRowResponse;
import dev.boxscore.query.api.PriceResponse;
import dev.boxscore.query.api.ScoreComparisonResponse;
import dev.boxscore.query.api.WhatIfResponse;
import dev.boxscore.query.api.WhatIfRowResponse;
import dev.boxscore.query.mapping.AnalyticsApiMapper;
import dev.boxscore.query.mapping.PriceApiMapper;
import dev.boxscore.query.scope.ProjectAnalytics;
import dev.boxscore.query.scope.ProjectScope;
import dev.boxscore.storage.analytics.CallFilter;
import dev.boxscore.storage.analytics.CallStats;
import dev.boxscore.storage.analytics.Dimension;
import dev.boxscore.storage.analytics.Group;
import dev.boxscore.storage.analytics.PricingUnit;
import dev.boxscore.storage.analytics.RollupQuery;
import dev.boxscore.storage.analytics.ScoreAverage;
import dev.boxscore.storage.analytics.TokenSums;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.context.ManagedExecutor;

/**
 * Metrics, model comparison and what-if re-pricing, from the per-minute rollup, for one project at
 * a time.
 */
@ApplicationScoped
public class AnalyticsService {
  /** A bucket longer than any range (buckets align to the epoch): the whole range is one bucket. */
  static final java.time.Duration WHOLE_RANGE = java.time.Duration.ofDays(36_500);

  private final ProjectScope scope;
  private final PricingService pricing;
  private final ManagedExecutor executor;

  AnalyticsService(ProjectScope scope, PricingService pricing, ManagedExecutor executor) {
    this.scope = scope;
    this.pricing = pricing;
    this.executor = executor;
  }

  private ProjectAnalytics reader() {
    return scope.analytics();
  }

  /**
   * @param usageOnly answer calls, errors, tokens and cost only, from the pricing query alone: it
   *     reads none of the rollups' quantile states, which are most of what a metrics question costs
   *     the engine
   */
  public MetricsResponse metrics(RollupQuery query, boolean usageOnly) {
    // The project's prices, the token sums and the quantile states are three queries: read at once,
    // not in turn.
    ProjectAnalytics analytics = reader();
    CompletableFuture<PriceCatalog> prices = executor.supplyAsync(pricing::catalog);
    CompletableFuture<List<CallStats>> stats =
        usageOnly
            ? CompletableFuture.completedFuture(List.of())
            : executor.supplyAsync(() -> analytics.stats(query));
    List<PricingUnit> units = analytics.pricingUnits(query);
    PriceCatalog catalog = Futures.joined(prices);
    return new MetricsResponse(
        query.from(),
        query.to(),
        query.bucket().getSeconds(),
        query.groupBy().stream().sorted().map(Dimension::apiName).toList(),
        usageOnly ? usageRows(units, catalog) : rows(units, Futures.joined(stats), catalog));
  }

  /**
   * Usage figures (calls, errors, tokens, cost) of the calls that name an end user or a session,
   * grouped and filtered by them: the per-user rollup has no latency states, so the rows are usage
   * rows whatever {@code fields} asked.
   */
  public MetricsResponse userMetrics(RollupQuery query, String userId, String sessionId) {
    PriceCatalog catalog = pricing.catalog();
    List<PricingUnit> units = reader().userPricingUnits(query, userId, sessionId);
    return new MetricsResponse(
        query.from(),
        query.to(),
        query.bucket().getSeconds(),
        query.groupBy().stream().sorted().map(Dimension::apiName).toList(),
        usageRows(units, catalog));
  }

  private static List<MetricsRowResponse> usageRows(List<PricingUnit> units, PriceCatalog catalog) {
    // Units come ordered by bucket and group, so insertion order is the answer's order.
    Map<Group, CostTally> costs = new LinkedHashMap<>();
    Map<Group, long[]> sums = new LinkedHashMap<>();
    for (PricingUnit unit : units) {
      costs.computeIfAbsent(unit.group(), g -> new CostTally()).add(unit, catalog);
      long[] s = sums.computeIfAbsent(unit.group(), g -> new long[9]);
      s[0] += unit.calls();
      s[1] += unit.errors();
      s[2] += unit.tokenCalls();
      s[3] += unit.estimatedCalls();
      s[4] += unit.tokens().input();
      s[5] += unit.tokens().output();
      s[6] += unit.tokens().cacheRead();
      s[7] += unit.tokens().cacheWrite();
      s[8] += unit.tokens().reasoning();
    }
    List<MetricsRowResponse> rows = new ArrayList<>(sums.size());
    sums.forEach(
        (group, s) -> {
          CostTally tally = costs.get(group);
          rows.add(
              AnalyticsApiMapper.usageRow(
                  group,
                  s[0],
                  s[1],
                  s[2],
                  s[3],
                  new TokenSums(s[4], s[5], s[6], s[7], s[8]),
                  AnalyticsApiMapper.cost(
                      tally.cost(),
                      tally.pricedCalls(),
                      tally.unpricedCalls(),
                      tally.unpricedModels(),
                      tally.estimatedCalls())));
        });
    return rows;
  }

  List<MetricsRowResponse> rows(RollupQuery query, PriceCatalog catalog) {
    return rows(reader(), query, catalog);
  }

  private List<MetricsRowResponse> rows(
      ProjectAnalytics analytics, RollupQuery query, PriceCatalog catalog) {
    // Token sums and quantile states are two queries: at once, as metrics() reads them.
    CompletableFuture<List<CallStats>> stats = executor.supplyAsync(() -> analytics.stats(query));
    return rows(analytics.pricingUnits(query), Futures.joined(stats), catalog);
  }

  static List<MetricsRowResponse> rows(
      List<PricingUnit> units, List<CallStats> stats, PriceCatalog catalog) {
    Map<Group, CostTally> costs = new HashMap<>();
    for (PricingUnit unit : units) {
      costs.computeIfAbsent(unit.group(), g -> new CostTally()).add(unit, catalog);
    }
    List<MetricsRowResponse> rows = new ArrayList<>();
    for (CallStats s : stats) {
      CostTally tally = costs.getOrDefault(s.group(), new CostTally());
      rows.add(
          AnalyticsApiMapper.row(
              s,
              AnalyticsApiMapper.cost(
                  tally.cost(),
                  tally.pricedCalls(),
                  tally.unpricedCalls(),
                  tally.unpricedModels(),
                  tally.estimatedCalls())));
    }
    return rows;
  }

  /** Both models over the whole range as one bucket each, with their evaluation scores. */
  public CompareResponse compare(String a, String b, RollupQuery range) {
    PriceCatalog catalog = pricing.catalog();
    CallFilter filterA = range.filter().withModel(a);
    CallFilter filterB = range.filter().withModel(b);
    ProjectAnalytics analytics = reader();
    // Scores alongside; both models' figures from one pair of statements grouped by model key:
    // a model filter matches exactly the calls of one key (Dimension.MODEL_KEY), so the rows of a
    // and b are what a question filtered by each would answer, for half the engine's work.
    CompletableFuture<List<ScoreAverage>> scoresA =
        executor.supplyAsync(() -> analytics.scoreAverages(range.from(), range.to(), filterA));
    CompletableFuture<List<ScoreAverage>> scoresB =
        executor.supplyAsync(() -> analytics.scoreAverages(range.from(), range.to(), filterB));
    Map<String, MetricsRowResponse> byModel = new HashMap<>();
    for (MetricsRowResponse r :
        rows(
            analytics,
            new RollupQuery(
                range.from(), range.to(), WHOLE_RANGE, range.filter(), Set.of(Dimension.MODEL_KEY)),
            catalog)) {
      byModel.put(r.group().get(Dimension.MODEL_KEY.apiName()), r);
    }
    List<ScoreComparisonResponse> scores =
        AnalyticsApiMapper.scores(Futures.joined(scoresA), Futures.joined(scoresB));
    return new CompareResponse(
        range.from(),
        range.to(),
        whole(range, byModel.get(a)),
        whole(range, byModel.get(b)),
        a,
        b,
        scores,
        scores.isEmpty()
            ? "no evaluation scores (gen_ai.evaluation.result) are recorded for these calls"
            : null);
  }

  MetricsRowResponse single(RollupQuery range, CallFilter filter, PriceCatalog catalog) {
    return single(reader(), range, filter, catalog);
  }

  private MetricsRowResponse single(
      ProjectAnalytics analytics, RollupQuery range, CallFilter filter, PriceCatalog catalog) {
    RollupQuery q = new RollupQuery(range.from(), range.to(), WHOLE_RANGE, filter, Set.of());
    List<MetricsRowResponse> rows = rows(analytics, q, catalog);
    if (rows.isEmpty()) {
      return null;
    }
    if (rows.size() > 1) {
      throw new IllegalStateException(
          "one bucket expected for the whole range, got " + rows.size());
    }
    return whole(range, rows.get(0));
  }

  /** A whole-range row as compare and swaps show it: at the range's start, in no group. */
  private static MetricsRowResponse whole(RollupQuery range, MetricsRowResponse r) {
    if (r == null) {
      return null;
    }
    return new MetricsRowResponse(
        range.from(),
        Map.of(),
        r.calls(),
        r.errors(),
        r.errorRate(),
        r.tokens(),
        r.cost(),
        r.latencyMs(),
        r.ttftMs(),
        r.outputTokensPerCall(),
        r.finishReasons(),
        r.scores());
  }

  /**
   * Which provider's price re-prices traffic as {@code target} at {@code at}: the asked one; else
   * the only provider that prices the model, the project's own prices first (a project that priced
   * the model itself means that price); else, among several, the model maker's list price when
   * exactly one is; else none (the caller asks).
   */
  public TargetProvider targetProvider(String target, String asked, Instant at) {
    PriceCatalog catalog = pricing.catalog();
    if (asked != null) {
      return catalog.find(asked, target, at).isPresent()
          ? TargetProvider.chosen(asked, "target_provider")
          : TargetProvider.unpriced();
    }
    List<ModelPrice> offers = catalog.offers(target, at);
    List<ModelPrice> listPrices = offers.stream().filter(ModelPrice::anyProvider).toList();
    ModelPrice only =
        offers.size() == 1 ? offers.get(0) : listPrices.size() == 1 ? listPrices.get(0) : null;
    if (only != null) {
      return TargetProvider.chosen(
          only.provider().toLowerCase(java.util.Locale.ROOT),
          catalog.isOverride(only) ? "project price" : "built-in price");
    }
    return offers.isEmpty()
        ? TargetProvider.unpriced()
        : TargetProvider.ambiguous(offers.stream().map(ModelPrice::provider).distinct().toList());
  }

  /**
   * Re-prices the calls of the range as if each had used {@code target} served by {@code
   * target.provider()}: the same token counts per class, that provider's price valid on each call's
   * day (the project's own first).
   */
  public WhatIfResponse whatIf(RollupQuery range, String target, TargetProvider targetProvider) {
    PriceCatalog catalog = pricing.catalog();
    RollupQuery q =
        new RollupQuery(
            range.from(), range.to(), WHOLE_RANGE, range.filter(), Set.of(Dimension.SERVICE));
    Map<String, CostTally[]> byService = new TreeMap<>();
    CostTally[] total = {new CostTally(), new CostTally()};
    Map<String, long[]> calls = new HashMap<>();
    Map<ModelPrice, Boolean> targetPrices = new LinkedHashMap<>();
    for (PricingUnit unit : reader().pricingUnits(q)) {
      String service = unit.group().values().getOrDefault(Dimension.SERVICE, "");
      // Only calls both prices apply to are compared, so the difference is like for like.
      Optional<ModelPrice> actualPrice = CostTally.priceOf(catalog, unit);
      Optional<ModelPrice> targetPrice =
          CostTally.priceOf(catalog, targetProvider.provider(), target, unit.day());
      CostTally[] t =
          byService.computeIfAbsent(
              service, s -> new CostTally[] {new CostTally(), new CostTally()});
      Optional<ModelPrice> comparable = actualPrice.isPresent() ? targetPrice : Optional.empty();
      comparable.ifPresent(p -> targetPrices.put(p, true));
      for (CostTally[] tallies : List.of(t, total)) {
        tallies[0].add(unit, actualPrice, CostTally.modelOf(unit));
        tallies[1].add(unit, comparable, CostTally.modelOf(unit));
      }
      calls.computeIfAbsent(service, s -> new long[1])[0] += unit.calls();
    }
    List<WhatIfRowResponse> services = new ArrayList<>();
    long allCalls = 0;
    for (var e : byService.entrySet()) {
      long n = calls.get(e.getKey())[0];
      allCalls += n;
      services.add(whatIfRow(e.getKey(), n, e.getValue()));
    }
    String assumption =
        "Each call is re-priced with the same input, output, cache-read, cache-write and reasoning token counts it"
            + " really used, at "
            + target
            + "'s price from "
            + targetProvider.provider()
            + " valid on the call's"
            + " day. Real models differ in tokenizer and answer length, so this is the price of the same token"
            + " volume, not a prediction of the other model's token counts. Calls without token counts or whose"
            + " own model has no price are left out of both sums (counted as unpriced).";
    List<PriceResponse> used =
        targetPrices.keySet().stream()
            .sorted(java.util.Comparator.comparing(ModelPrice::effectiveFrom))
            .map(p -> PriceApiMapper.price(catalog, p))
            .toList();
    return new WhatIfResponse(
        range.from(),
        range.to(),
        target,
        targetProvider.provider(),
        assumption,
        services,
        whatIfRow("(total)", allCalls, total),
        targetProvider.chosenBy(),
        used);
  }

  private static WhatIfRowResponse whatIfRow(String service, long calls, CostTally[] t) {
    BigDecimal actual = t[0].cost();
    BigDecimal whatIf = t[1].cost();
    return new WhatIfRowResponse(
        service,
        calls,
        t[1].pricedCalls(),
        actual,
        whatIf,
        actual == null || whatIf == null ? null : whatIf.subtract(actual).stripTrailingZeros(),
        t[0].unpricedCalls(),
        t[0].estimatedCalls() > 0);
  }
}
