package dev.boxscore.query.service;

import dev.boxscore.model.pricing.PriceCatalog;
import dev.boxscore.query.api.MetricsRowResponse;
import dev.boxscore.query.api.SwapResponse;
import dev.boxscore.query.api.SwapSideResponse;
import dev.boxscore.query.api.SwapsResponse;
import dev.boxscore.query.scope.ProjectScope;
import dev.boxscore.storage.analytics.CallFilter;
import dev.boxscore.storage.analytics.ModelVariant;
import dev.boxscore.storage.analytics.RollupQuery;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Silent model swaps, each with the subject's figures before and after it. */
@ApplicationScoped
public class SwapService {
  private final ProjectScope scope;
  private final PricingService pricing;
  private final AnalyticsService analytics;

  SwapService(ProjectScope scope, PricingService pricing, AnalyticsService analytics) {
    this.scope = scope;
    this.pricing = pricing;
    this.analytics = analytics;
  }

  /**
   * Swaps in [from, to) (see {@link SwapDetection}), compared over {@code window} before and after
   * each.
   */
  public SwapsResponse swaps(Instant from, Instant to, CallFilter filter, Duration window) {
    List<ModelVariant> variants = scope.analytics().variants(from, to, filter);
    PriceCatalog catalog = pricing.catalog();
    List<SwapResponse> swaps = new ArrayList<>();
    for (ModelSwap swap : SwapDetection.swaps(variants)) {
      ModelVariant prev = swap.before();
      ModelVariant next = swap.after();
      CallFilter subject = CallFilter.ANY.withRequestModel(next.requestModel());
      Instant at = next.firstMinute();
      swaps.add(
          new SwapResponse(
              next.provider(),
              next.requestModel(),
              at,
              swap.kind(),
              prev.responseModel(),
              prev.systemFingerprint(),
              next.responseModel(),
              next.systemFingerprint(),
              side(at.minus(window), at, subject, catalog),
              side(at, at.plus(window), subject, catalog)));
    }
    return new SwapsResponse(from, to, window.getSeconds(), swaps);
  }

  private SwapSideResponse side(
      Instant from, Instant to, CallFilter subject, PriceCatalog catalog) {
    MetricsRowResponse r =
        analytics.single(
            new RollupQuery(from, to, AnalyticsService.WHOLE_RANGE, subject, Set.of()),
            subject,
            catalog);
    if (r == null) {
      return new SwapSideResponse(0, null, null, null, null, 0);
    }
    return new SwapSideResponse(
        r.calls(),
        r.latencyMs().p50(),
        r.latencyMs().p95(),
        r.cost().usdPerPricedCall(),
        r.outputTokensPerCall(),
        r.errorRate());
  }
}
