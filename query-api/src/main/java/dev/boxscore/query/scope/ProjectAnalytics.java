package dev.boxscore.query.scope;

import dev.boxscore.storage.analytics.AnalyticsReader;
import dev.boxscore.storage.analytics.CallFilter;
import dev.boxscore.storage.analytics.CallHistogram;
import dev.boxscore.storage.analytics.CallStats;
import dev.boxscore.storage.analytics.DriftSamples;
import dev.boxscore.storage.analytics.ModelVariant;
import dev.boxscore.storage.analytics.PricingUnit;
import dev.boxscore.storage.analytics.RepeatingWindow;
import dev.boxscore.storage.analytics.RollupQuery;
import dev.boxscore.storage.analytics.ScoreAverage;
import java.time.Instant;
import java.util.List;

/**
 * The analytics of one project: the storage reader with the project fixed when this view is made.
 */
public final class ProjectAnalytics {
  private final AnalyticsReader reader;
  private final String projectId;

  ProjectAnalytics(AnalyticsReader reader, String projectId) {
    this.reader = reader;
    this.projectId = projectId;
  }

  public List<CallStats> stats(RollupQuery query) {
    return reader.stats(projectId, query);
  }

  public List<PricingUnit> pricingUnits(RollupQuery query) {
    return reader.pricingUnits(projectId, query);
  }

  public List<PricingUnit> userPricingUnits(RollupQuery query, String userId, String sessionId) {
    return reader.userPricingUnits(projectId, query, userId, sessionId);
  }

  public List<ModelVariant> variants(Instant from, Instant to, CallFilter filter) {
    return reader.variants(projectId, from, to, filter);
  }

  public DriftSamples driftSamples(
      RepeatingWindow baseline, RepeatingWindow current, CallFilter filter, int limitPerSide) {
    return reader.driftSamples(projectId, baseline, current, filter, limitPerSide);
  }

  public List<ScoreAverage> scoreAverages(Instant from, Instant to, CallFilter filter) {
    return reader.scoreAverages(projectId, from, to, filter);
  }

  public List<CallHistogram> histograms(Instant to) {
    return reader.histograms(projectId, to);
  }
}
