package dev.boxscore.query.service;

import dev.boxscore.model.pricing.PriceCatalog;
import dev.boxscore.query.mapping.PrometheusSeries;
import dev.boxscore.query.mapping.PrometheusTextMapper;
import dev.boxscore.query.scope.ProjectAnalytics;
import dev.boxscore.query.scope.ProjectScope;
import dev.boxscore.storage.analytics.CallFilter;
import dev.boxscore.storage.analytics.CallHistogram;
import dev.boxscore.storage.analytics.Dimension;
import dev.boxscore.storage.analytics.PricingUnit;
import dev.boxscore.storage.analytics.RollupQuery;
import dev.boxscore.storage.analytics.TokenSums;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.context.ManagedExecutor;

/**
 * The caller's project's LLM metrics for a Prometheus scrape: counters from the rollups' token sums
 * (priced as {@link AnalyticsService#metrics} prices them), histograms from the stored calls.
 */
@ApplicationScoped
public class PrometheusService {
  private static final Set<Dimension> LABELS =
      Set.of(Dimension.SERVICE, Dimension.PROVIDER, Dimension.MODEL);

  /**
   * Series order: by service, provider, model, as Java compares strings (stable across scrapes).
   */
  private static final Comparator<List<String>> ORDER =
      Comparator.<List<String>, String>comparing(k -> k.get(0))
          .thenComparing(k -> k.get(1))
          .thenComparing(k -> k.get(2));

  private final ProjectScope scope;
  private final PricingService pricing;
  private final ManagedExecutor executor;

  PrometheusService(ProjectScope scope, PricingService pricing, ManagedExecutor executor) {
    this.scope = scope;
    this.pricing = pricing;
    this.executor = executor;
  }

  public String scrape() {
    // Everything stored up to now (to the end of the current minute, as both reads round it): the
    // counters and the histograms then count the same calls.
    Instant to = Instant.now();
    ProjectAnalytics analytics = scope.analytics();
    CompletableFuture<PriceCatalog> prices = executor.supplyAsync(pricing::catalog);
    CompletableFuture<List<CallHistogram>> histograms =
        executor.supplyAsync(() -> analytics.histograms(to));
    List<PricingUnit> units =
        analytics.pricingUnits(
            new RollupQuery(
                Instant.EPOCH, to, AnalyticsService.WHOLE_RANGE, CallFilter.ANY, LABELS));
    List<PrometheusSeries> series = series(units, Futures.joined(prices));
    List<CallHistogram> sorted = new ArrayList<>(Futures.joined(histograms));
    sorted.sort(Comparator.comparing(h -> List.of(h.service(), h.provider(), h.model()), ORDER));
    return PrometheusTextMapper.exposition(series, sorted);
  }

  /** Sums the units of each series (a series spans days and request/response model pairs). */
  static List<PrometheusSeries> series(List<PricingUnit> units, PriceCatalog catalog) {
    Map<List<String>, Sums> bySeries = new TreeMap<>(ORDER);
    for (PricingUnit unit : units) {
      Map<Dimension, String> g = unit.group().values();
      List<String> key =
          List.of(
              g.getOrDefault(Dimension.SERVICE, ""),
              g.getOrDefault(Dimension.PROVIDER, ""),
              g.getOrDefault(Dimension.MODEL, ""));
      Sums s = bySeries.computeIfAbsent(key, k -> new Sums());
      s.calls += unit.calls();
      s.errors += unit.errors();
      s.tokens = s.tokens.plus(unit.tokens());
      s.cost.add(unit, catalog);
    }
    List<PrometheusSeries> out = new ArrayList<>(bySeries.size());
    bySeries.forEach(
        (k, s) ->
            out.add(
                new PrometheusSeries(
                    k.get(0),
                    k.get(1),
                    k.get(2),
                    s.calls,
                    s.errors,
                    s.tokens,
                    s.cost.cost(),
                    s.cost.unpricedCalls())));
    return out;
  }

  private static final class Sums {
    long calls;
    long errors;
    TokenSums tokens = TokenSums.ZERO;
    final CostTally cost = new CostTally();
  }
}
